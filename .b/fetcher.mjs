import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/@aws/lambda-invoke-store/dist-es/invoke-store.js
var PROTECTED_KEYS = {
  REQUEST_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_REQUEST_ID"),
  X_RAY_TRACE_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_X_RAY_TRACE_ID"),
  TENANT_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TENANT_ID"),
  TRACEPARENT: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TRACEPARENT"),
  TRACESTATE: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TRACESTATE"),
  BAGGAGE: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_BAGGAGE")
};
var NO_GLOBAL_AWS_LAMBDA = ["true", "1"].includes(process.env?.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA ?? "");
if (!NO_GLOBAL_AWS_LAMBDA) {
  globalThis.awslambda = globalThis.awslambda || {};
}
var InvokeStoreBase = class {
  static {
    __name(this, "InvokeStoreBase");
  }
  static PROTECTED_KEYS = PROTECTED_KEYS;
  isProtectedKey(key) {
    return Object.values(PROTECTED_KEYS).includes(key);
  }
  getRequestId() {
    return this.get(PROTECTED_KEYS.REQUEST_ID) ?? "-";
  }
  getXRayTraceId() {
    return this.get(PROTECTED_KEYS.X_RAY_TRACE_ID);
  }
  getTenantId() {
    return this.get(PROTECTED_KEYS.TENANT_ID);
  }
  getTraceparent() {
    return this.get(PROTECTED_KEYS.TRACEPARENT);
  }
  getTracestate() {
    return this.get(PROTECTED_KEYS.TRACESTATE);
  }
  getBaggage() {
    return this.get(PROTECTED_KEYS.BAGGAGE);
  }
};
var InvokeStoreSingle = class extends InvokeStoreBase {
  static {
    __name(this, "InvokeStoreSingle");
  }
  currentContext;
  getContext() {
    return this.currentContext;
  }
  hasContext() {
    return this.currentContext !== void 0;
  }
  get(key) {
    return this.currentContext?.[key];
  }
  set(key, value) {
    if (this.isProtectedKey(key)) {
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    }
    this.currentContext = this.currentContext || {};
    this.currentContext[key] = value;
  }
  run(context, fn) {
    this.currentContext = context;
    return fn();
  }
};
var InvokeStoreMulti = class _InvokeStoreMulti extends InvokeStoreBase {
  static {
    __name(this, "InvokeStoreMulti");
  }
  als;
  static async create() {
    const instance = new _InvokeStoreMulti();
    const asyncHooks = await import("node:async_hooks");
    instance.als = new asyncHooks.AsyncLocalStorage();
    return instance;
  }
  getContext() {
    return this.als.getStore();
  }
  hasContext() {
    return this.als.getStore() !== void 0;
  }
  get(key) {
    return this.als.getStore()?.[key];
  }
  set(key, value) {
    if (this.isProtectedKey(key)) {
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    }
    const store = this.als.getStore();
    if (!store) {
      throw new Error("No context available");
    }
    store[key] = value;
  }
  run(context, fn) {
    return this.als.run(context, fn);
  }
};
var InvokeStore;
(function(InvokeStore2) {
  let instance = null;
  async function getInstanceAsync(forceInvokeStoreMulti) {
    if (!instance) {
      instance = (async () => {
        const isMulti = forceInvokeStoreMulti === true || "AWS_LAMBDA_MAX_CONCURRENCY" in process.env;
        const newInstance = isMulti ? await InvokeStoreMulti.create() : new InvokeStoreSingle();
        if (!NO_GLOBAL_AWS_LAMBDA && globalThis.awslambda?.InvokeStore) {
          return globalThis.awslambda.InvokeStore;
        } else if (!NO_GLOBAL_AWS_LAMBDA && globalThis.awslambda) {
          globalThis.awslambda.InvokeStore = newInstance;
          return newInstance;
        } else {
          return newInstance;
        }
      })();
    }
    return instance;
  }
  __name(getInstanceAsync, "getInstanceAsync");
  InvokeStore2.getInstanceAsync = getInstanceAsync;
  InvokeStore2._testing = process.env.AWS_LAMBDA_BENCHMARK_MODE === "1" ? {
    reset: /* @__PURE__ */ __name(() => {
      instance = null;
      if (globalThis.awslambda?.InvokeStore) {
        delete globalThis.awslambda.InvokeStore;
      }
      globalThis.awslambda = { InvokeStore: void 0 };
    }, "reset")
  } : void 0;
})(InvokeStore || (InvokeStore = {}));

// node_modules/@aws-lambda-powertools/commons/lib/esm/constants.js
var AWS_LAMBDA_MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";

// node_modules/@aws-lambda-powertools/commons/lib/esm/envUtils.js
var getStringFromEnv = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage }) => {
  const value = process.env[key];
  if (value === void 0) {
    if (defaultValue !== void 0) {
      return defaultValue;
    }
    if (errorMessage) {
      throw new Error(errorMessage);
    }
    throw new Error(`Environment variable ${key} is required`);
  }
  return value.trim();
}, "getStringFromEnv");
var getNumberFromEnv = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage }) => {
  const value = getStringFromEnv({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = Number(value);
  if (Number.isNaN(parsedValue)) {
    throw new TypeError(`Environment variable ${key} must be a number`);
  }
  return parsedValue;
}, "getNumberFromEnv");
var shouldUseInvokeStore = /* @__PURE__ */ __name(() => {
  const res = getStringFromEnv({
    key: AWS_LAMBDA_MAX_CONCURRENCY,
    defaultValue: ""
  });
  return res !== "";
}, "shouldUseInvokeStore");

// node_modules/@aws-lambda-powertools/batch/lib/esm/BatchProcessingStore.js
var BatchProcessingStore = class {
  static {
    __name(this, "BatchProcessingStore");
  }
  #recordsKey = /* @__PURE__ */ Symbol("powertools.batch.records");
  #handlerKey = /* @__PURE__ */ Symbol("powertools.batch.handler");
  #optionsKey = /* @__PURE__ */ Symbol("powertools.batch.options");
  #failureMessagesKey = /* @__PURE__ */ Symbol("powertools.batch.failureMessages");
  #successMessagesKey = /* @__PURE__ */ Symbol("powertools.batch.successMessages");
  #batchResponseKey = /* @__PURE__ */ Symbol("powertools.batch.batchResponse");
  #errorsKey = /* @__PURE__ */ Symbol("powertools.batch.errors");
  #fallbackRecords = [];
  #fallbackHandler = /* @__PURE__ */ __name(() => {
  }, "#fallbackHandler");
  #fallbackOptions;
  #fallbackFailureMessages = [];
  #fallbackSuccessMessages = [];
  #fallbackBatchResponse = {
    batchItemFailures: []
  };
  #fallbackErrors = [];
  getRecords() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackRecords;
    }
    if (globalThis.awslambda?.InvokeStore === void 0) {
      throw new Error("InvokeStore is not available");
    }
    const store = globalThis.awslambda.InvokeStore;
    return store.get(this.#recordsKey) ?? [];
  }
  setRecords(records) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackRecords = records;
      return;
    }
    if (globalThis.awslambda?.InvokeStore === void 0) {
      throw new Error("InvokeStore is not available");
    }
    const store = globalThis.awslambda.InvokeStore;
    store.set(this.#recordsKey, records);
  }
  getHandler() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackHandler;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#handlerKey) ?? (() => {
    });
  }
  setHandler(handler2) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackHandler = handler2;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#handlerKey, handler2);
  }
  getOptions() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackOptions;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#optionsKey);
  }
  setOptions(options) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackOptions = options;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#optionsKey, options);
  }
  getFailureMessages() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackFailureMessages;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#failureMessagesKey) ?? [];
  }
  setFailureMessages(messages) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackFailureMessages = messages;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#failureMessagesKey, messages);
  }
  getSuccessMessages() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackSuccessMessages;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#successMessagesKey) ?? [];
  }
  setSuccessMessages(messages) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackSuccessMessages = messages;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#successMessagesKey, messages);
  }
  getBatchResponse() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackBatchResponse;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#batchResponseKey) ?? { batchItemFailures: [] };
  }
  setBatchResponse(response) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackBatchResponse = response;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#batchResponseKey, response);
  }
  getErrors() {
    if (!shouldUseInvokeStore()) {
      return this.#fallbackErrors;
    }
    return globalThis.awslambda?.InvokeStore?.get(this.#errorsKey) ?? [];
  }
  setErrors(errors) {
    if (!shouldUseInvokeStore()) {
      this.#fallbackErrors = errors;
      return;
    }
    globalThis.awslambda?.InvokeStore?.set(this.#errorsKey, errors);
  }
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/BasePartialProcessor.js
var BasePartialProcessor = class {
  static {
    __name(this, "BasePartialProcessor");
  }
  /**
   * Store for managing invocation-specific state
   */
  #store = new BatchProcessingStore();
  get errors() {
    return this.#store.getErrors();
  }
  set errors(errors) {
    this.#store.setErrors(errors);
  }
  get failureMessages() {
    return this.#store.getFailureMessages();
  }
  set failureMessages(messages) {
    this.#store.setFailureMessages(messages);
  }
  get handler() {
    return this.#store.getHandler();
  }
  set handler(handler2) {
    this.#store.setHandler(handler2);
  }
  get options() {
    return this.#store.getOptions();
  }
  set options(options) {
    this.#store.setOptions(options);
  }
  get records() {
    return this.#store.getRecords();
  }
  set records(records) {
    this.#store.setRecords(records);
  }
  get successMessages() {
    return this.#store.getSuccessMessages();
  }
  set successMessages(messages) {
    this.#store.setSuccessMessages(messages);
  }
  get batchResponse() {
    return this.#store.getBatchResponse();
  }
  set batchResponse(response) {
    this.#store.setBatchResponse(response);
  }
  /**
   * Method to handle a record that failed processing
   *
   * This method should be called when a record fails processing so that
   * the processor can keep track of the error and the record that failed.
   *
   * @param record - Record that failed processing
   * @param error - Error that was thrown
   */
  failureHandler(record2, error2) {
    const entry = ["fail", error2.message, record2];
    this.errors.push(error2);
    this.failureMessages.push(record2);
    return entry;
  }
  /**
   * Process all records with an asynchronous handler
   *
   * Once called, the processor will create an array of promises to process each record
   * and wait for all of them to settle before returning the results.
   *
   * Before and after processing, the processor will call the prepare and clean methods respectively.
   */
  async process() {
    this.prepare();
    const processInParallel = this.options?.processInParallel ?? true;
    const processedRecords = processInParallel ? await this.#processRecordsInParallel() : await this.#processRecordsSequentially();
    this.clean();
    return processedRecords;
  }
  /**
   * Orchestrate the processing of a batch of records synchronously
   * and sequentially.
   *
   * The method is responsible for calling the prepare method before
   * processing the records and the clean method after processing the records.
   *
   * In the middle, the method will iterate over the records and call the
   * processRecordSync method for each record.
   *
   * @returns List of processed records
   */
  processSync() {
    if (this.constructor.name === "BatchProcessor") {
      this.processRecordSync(this.records[0]);
    }
    this.prepare();
    const processedRecords = [];
    for (const record2 of this.records) {
      processedRecords.push(this.processRecordSync(record2));
    }
    this.clean();
    return processedRecords;
  }
  /**
   * Set up the processor with the records and the handler
   *
   * This method should be called before processing the records to
   * bind the records and the handler for a specific invocation to
   * the processor.
   *
   * We use a separate method to do this rather than the constructor
   * to allow for reusing the processor instance across multiple invocations
   * by instantiating the processor outside the Lambda function handler.
   *
   * @param records - Array of records to be processed
   * @param handler - CallableFunction to process each record from the batch
   * @param options - Options to be used during processing (optional)
   */
  register(records, handler2, options) {
    this.records = records;
    this.handler = handler2;
    if (options) {
      this.options = options;
    }
    return this;
  }
  /**
   * Method to handle a record that succeeded processing
   *
   * This method should be called when a record succeeds processing so that
   * the processor can keep track of the result and the record that succeeded.
   *
   * @param record - Record that succeeded processing
   * @param result - Result from record handler
   */
  successHandler(record2, result) {
    const entry = ["success", result, record2];
    this.successMessages.push(record2);
    return entry;
  }
  /**
   * Processes records in parallel using `Promise.all`.
   */
  #processRecordsInParallel() {
    return Promise.all(this.records.map((record2) => this.processRecord(record2)));
  }
  /**
   * Processes records sequentially, ensuring that each record is processed one after the other.
   */
  async #processRecordsSequentially() {
    const processedRecords = [];
    for (const record2 of this.records) {
      processedRecords.push(await this.processRecord(record2));
    }
    return processedRecords;
  }
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/constants.js
var EventType = {
  SQS: "SQS",
  KinesisDataStreams: "KinesisDataStreams",
  DynamoDBStreams: "DynamoDBStreams"
};
var DEFAULT_RESPONSE = {
  batchItemFailures: []
};
var DATA_CLASS_MAPPING = {
  [EventType.SQS]: (record2) => record2,
  [EventType.KinesisDataStreams]: (record2) => record2,
  [EventType.DynamoDBStreams]: (record2) => record2
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/errors.js
var BatchProcessingError = class extends Error {
  static {
    __name(this, "BatchProcessingError");
  }
  constructor(message) {
    super(message);
    this.name = "BatchProcessingError";
  }
};
var FullBatchFailureError = class extends BatchProcessingError {
  static {
    __name(this, "FullBatchFailureError");
  }
  recordErrors;
  constructor(childErrors) {
    super("All records failed processing. See individual errors below.");
    this.recordErrors = childErrors;
    this.name = "FullBatchFailureError";
  }
};
var UnexpectedBatchTypeError = class extends BatchProcessingError {
  static {
    __name(this, "UnexpectedBatchTypeError");
  }
  constructor() {
    super(`Unexpected batch type. Possible values are: ${Object.values(EventType).join(", ")}`);
    this.name = "UnexpectedBatchTypeError";
  }
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/BasePartialBatchProcessor.js
var BasePartialBatchProcessor = class extends BasePartialProcessor {
  static {
    __name(this, "BasePartialBatchProcessor");
  }
  /**
   * Mapping of event types to their respective failure collectors
   *
   * Each service expects a different format for partial failure reporting,
   * this mapping ensures that the correct format is used for each event type.
   */
  COLLECTOR_MAPPING;
  /**
   * Type of event that the processor is handling
   */
  eventType;
  /**
   * A logger instance to be used for logging debug, warning, and error messages.
   *
   * When no logger is provided, we'll only log warnings and errors using the global `console` object.
   */
  logger;
  /**
   * The configuration options for the parser integration
   */
  parserConfig;
  /**
   * Initializes base batch processing class
   *
   * @param eventType The type of event to process (SQS, Kinesis, DynamoDB)
   */
  constructor(eventType, parserConfig) {
    super();
    this.eventType = eventType;
    this.batchResponse = DEFAULT_RESPONSE;
    this.COLLECTOR_MAPPING = {
      [EventType.SQS]: () => this.collectSqsFailures(),
      [EventType.KinesisDataStreams]: () => this.collectKinesisFailures(),
      [EventType.DynamoDBStreams]: () => this.collectDynamoDBFailures()
    };
    this.parserConfig = parserConfig;
    const alcLogLevel = getStringFromEnv({
      key: "AWS_LAMBDA_LOG_LEVEL",
      defaultValue: ""
    });
    this.logger = parserConfig?.logger ?? {
      debug: alcLogLevel === "DEBUG" ? console.debug : () => void 0,
      error: console.error,
      warn: console.warn
    };
  }
  /**
   * Clean up logic to be run after processing a batch
   *
   * If the entire batch failed this method will throw a {@link FullBatchFailureError | `FullBatchFailureError`} with the list of
   * errors that occurred during processing, unless the `throwOnFullBatchFailure` option is set to `false`.
   *
   * Otherwise, it will build the partial failure response based on the event type.
   */
  clean() {
    if (!this.hasMessagesToReport()) {
      return;
    }
    if (this.options?.throwOnFullBatchFailure !== false && this.entireBatchFailed()) {
      throw new FullBatchFailureError(this.errors);
    }
    const messages = this.getMessagesToReport();
    this.batchResponse = { batchItemFailures: messages };
  }
  /**
   * Collect the identifiers of failed items for a DynamoDB stream
   *
   * The failures are collected based on the sequence number of the record
   * and formatted as a list of objects with the key `itemIdentifier` as
   * expected by the service.
   */
  collectDynamoDBFailures() {
    const failures = [];
    for (const msg of this.failureMessages) {
      const msgId = msg.dynamodb?.SequenceNumber;
      if (msgId) {
        failures.push({ itemIdentifier: msgId });
      }
    }
    return failures;
  }
  /**
   * Collect identifiers of failed items for a Kinesis batch
   *
   * The failures are collected based on the sequence number of the record
   * and formatted as a list of objects with the key `itemIdentifier` as
   * expected by the service.
   */
  collectKinesisFailures() {
    const failures = [];
    for (const msg of this.failureMessages) {
      const msgId = msg.kinesis.sequenceNumber;
      failures.push({ itemIdentifier: msgId });
    }
    return failures;
  }
  /**
   * Collect identifiers of failed items for an SQS batch
   *
   * The failures are collected based on the message ID of the record
   * and formatted as a list of objects with the key `itemIdentifier` as
   * expected by the service.
   */
  collectSqsFailures() {
    const failures = [];
    for (const msg of this.failureMessages) {
      const msgId = msg.messageId;
      failures.push({ itemIdentifier: msgId });
    }
    return failures;
  }
  /**
   * Determine if the entire batch failed
   *
   * If the number of errors is equal to the number of records, then the
   * entire batch failed and this method will return `true`.
   */
  entireBatchFailed() {
    return this.errors.length === this.records.length;
  }
  /**
   * Collect identifiers for failed batch items
   *
   * The method will call the appropriate collector based on the event type
   * and return the list of failed items.
   */
  getMessagesToReport() {
    return this.COLLECTOR_MAPPING[this.eventType]();
  }
  /**
   * Determine if there are any failed records to report
   *
   * If there are no failed records, then the batch was successful
   * and this method will return `false`.
   */
  hasMessagesToReport() {
    return this.failureMessages.length !== 0;
  }
  /**
   * Set up the processor with the initial state ready for processing
   */
  prepare() {
    this.successMessages = [];
    this.failureMessages = [];
    this.errors = [];
    this.batchResponse = DEFAULT_RESPONSE;
  }
  /**
   * Get the response from the batch processing
   */
  response() {
    return this.batchResponse;
  }
  /**
   * Forward a record to the appropriate batch type
   *
   * Based on the event type that the processor was initialized with, this method
   * will cast the record to the appropriate batch type handler.
   *
   * @param record The record to be processed
   * @param eventType The type of event to process
   */
  toBatchType(record2, eventType) {
    return DATA_CLASS_MAPPING[eventType](record2);
  }
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/BatchProcessor.js
var BatchProcessor = class extends BasePartialBatchProcessor {
  static {
    __name(this, "BatchProcessor");
  }
  /**
   * Handle a record asynchronously with the instance handler provided.
   *
   * This method implements the abstract method from the parent class,
   * and orchestrates the processing of a single record.
   *
   * First, it converts the record to the appropriate type for the batch processor.
   * Then, it calls the handler function with the record data and context.
   *
   * If the handler function completes successfully, the method returns a success response.
   * Otherwise, it returns a failure response with the error that occurred during processing.
   *
   * @param record - The record to be processed
   */
  async processRecord(record2) {
    try {
      const recordToProcess = this.parserConfig?.parser ? await this.parserConfig.parser(record2, this.eventType, this.logger, this.parserConfig) : record2;
      const data = this.toBatchType(recordToProcess, this.eventType);
      const result = await this.handler(data, this.options?.context);
      return this.successHandler(record2, result);
    } catch (error2) {
      return this.failureHandler(record2, error2);
    }
  }
  /**
   * @throws {BatchProcessingError} This method is not implemented for synchronous processing.
   *
   * @param _record - The record to be processed
   */
  processRecordSync(_record) {
    throw new BatchProcessingError("Not implemented. Use asyncProcess() instead.");
  }
};

// node_modules/@aws-lambda-powertools/batch/lib/esm/processPartialResponse.js
var processPartialResponse = /* @__PURE__ */ __name(async (event, recordHandler, processor, options) => {
  if (!event.Records || !Array.isArray(event.Records)) {
    throw new UnexpectedBatchTypeError();
  }
  processor.register(event.Records, recordHandler, options);
  await processor.process();
  return processor.response();
}, "processPartialResponse");

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/version.js
var PT_VERSION = "2.36.0";

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js
var EXEC_ENV = process.env.AWS_EXECUTION_ENV || "NA";

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/deepMerge.js
var UNSAFE_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor"]);
var isPlainObject = /* @__PURE__ */ __name((value) => {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}, "isPlainObject");
var cloneItem = /* @__PURE__ */ __name((srcItem, ancestors) => {
  if (isPlainObject(srcItem)) {
    const cloned = {};
    ancestors.push(srcItem);
    mergeRecursive(cloned, srcItem, ancestors);
    ancestors.pop();
    return { skip: false, value: cloned };
  }
  if (Array.isArray(srcItem)) {
    if (ancestors.includes(srcItem))
      return { skip: true };
    const cloned = [];
    ancestors.push(srcItem);
    mergeArrayItemsByIndex(cloned, srcItem, ancestors);
    ancestors.pop();
    return { skip: false, value: cloned };
  }
  return { skip: false, value: srcItem };
}, "cloneItem");
var mergeArrayItem = /* @__PURE__ */ __name((targetArray, index, srcItem, ancestors) => {
  const tgtItem = targetArray[index];
  const isSrcPlainObject = isPlainObject(srcItem);
  if (isSrcPlainObject && ancestors.includes(srcItem))
    return;
  if (isSrcPlainObject && isPlainObject(tgtItem)) {
    ancestors.push(srcItem);
    mergeRecursive(tgtItem, srcItem, ancestors);
    ancestors.pop();
    return;
  }
  if (Array.isArray(srcItem) && Array.isArray(tgtItem)) {
    if (!ancestors.includes(srcItem)) {
      ancestors.push(srcItem);
      mergeArrayItemsByIndex(tgtItem, srcItem, ancestors);
      ancestors.pop();
    }
    return;
  }
  if (srcItem !== void 0 || tgtItem === void 0) {
    const result = cloneItem(srcItem, ancestors);
    if (!result.skip) {
      targetArray[index] = result.value;
    }
  }
}, "mergeArrayItem");
var mergeArrayItemsByIndex = /* @__PURE__ */ __name((targetArray, sourceArray, ancestors) => {
  for (let i = 0; i < sourceArray.length; i++) {
    mergeArrayItem(targetArray, i, sourceArray[i], ancestors);
  }
}, "mergeArrayItemsByIndex");
var handleArrayMerge = /* @__PURE__ */ __name((target, key, sourceArray, targetValue, ancestors) => {
  if (!Array.isArray(targetValue)) {
    const freshArray = [];
    mergeArrayItemsByIndex(freshArray, sourceArray, ancestors);
    target[key] = freshArray;
    return;
  }
  mergeArrayItemsByIndex(targetValue, sourceArray, ancestors);
}, "handleArrayMerge");
var handleObjectMerge = /* @__PURE__ */ __name((target, key, sourceObject, targetValue, ancestors) => {
  if (isPlainObject(targetValue)) {
    mergeRecursive(targetValue, sourceObject, ancestors);
    return;
  }
  const newTarget = {};
  mergeRecursive(newTarget, sourceObject, ancestors);
  target[key] = newTarget;
}, "handleObjectMerge");
var mergeRecursive = /* @__PURE__ */ __name((target, source, ancestors) => {
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.has(key)) {
      continue;
    }
    const sourceValue = source[key];
    const targetValue = target[key];
    if (Array.isArray(sourceValue)) {
      if (ancestors.includes(sourceValue))
        continue;
      ancestors.push(sourceValue);
      handleArrayMerge(target, key, sourceValue, targetValue, ancestors);
      ancestors.pop();
      continue;
    }
    if (isPlainObject(sourceValue)) {
      if (ancestors.includes(sourceValue))
        continue;
      ancestors.push(sourceValue);
      handleObjectMerge(target, key, sourceValue, targetValue, ancestors);
      ancestors.pop();
      continue;
    }
    if (sourceValue !== void 0 || targetValue === void 0) {
      target[key] = sourceValue;
    }
  }
}, "mergeRecursive");
var deepMerge = /* @__PURE__ */ __name((target, ...sources) => {
  const ancestors = [target];
  for (const source of sources) {
    if (source != null) {
      ancestors.push(source);
      mergeRecursive(target, source, ancestors);
      ancestors.pop();
    }
  }
  return target;
}, "deepMerge");

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/middleware/constants.js
var PREFIX = "powertools-for-aws";
var TRACER_KEY = `${PREFIX}.tracer`;
var METRICS_KEY = `${PREFIX}.metrics`;
var LOGGER_KEY = `${PREFIX}.logger`;
var IDEMPOTENCY_KEY = `${PREFIX}.idempotency`;

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/typeUtils.js
var isString = /* @__PURE__ */ __name((value) => {
  return typeof value === "string";
}, "isString");
var isNull = /* @__PURE__ */ __name((value) => {
  return Object.is(value, null);
}, "isNull");
var isNullOrUndefined = /* @__PURE__ */ __name((value) => {
  return isNull(value) || Object.is(value, void 0);
}, "isNullOrUndefined");

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/constants.js
var AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR2 = "AWS_LAMBDA_INITIALIZATION_TYPE";
var AWS_LAMBDA_MAX_CONCURRENCY2 = "AWS_LAMBDA_MAX_CONCURRENCY";
var POWERTOOLS_DEV_ENV_VAR2 = "POWERTOOLS_DEV";
var XRAY_TRACE_ID_ENV_VAR2 = "_X_AMZN_TRACE_ID";

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/Utility.js
var Utility = class {
  static {
    __name(this, "Utility");
  }
  #initializationType;
  coldStart = true;
  defaultServiceName = "service_undefined";
  constructor() {
    this.#initializationType = this.getInitializationType();
    if (this.#initializationType !== "on-demand") {
      this.coldStart = false;
    }
  }
  /**
   * Get the value of the `AWS_LAMBDA_INITIALIZATION_TYPE` environment variable.
   */
  getInitializationType() {
    const envVarValue = process.env[AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR2]?.trim();
    if (envVarValue === "on-demand") {
      return "on-demand";
    }
    if (envVarValue === "provisioned-concurrency") {
      return "provisioned-concurrency";
    }
    return "unknown";
  }
  /**
   * Get the cold start status of the current execution environment.
   *
   * The method also flips the cold start status to `false` after the first invocation.
   */
  getColdStart() {
    if (this.#initializationType !== "on-demand") {
      return false;
    }
    if (this.coldStart) {
      this.coldStart = false;
      return true;
    }
    return false;
  }
  /**
   * Validate that the service name provided is valid.
   * Used internally during initialization.
   *
   * @param serviceName Service name to validate
   */
  isValidServiceName(serviceName) {
    return typeof serviceName === "string" && serviceName.trim().length > 0;
  }
};

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/index.js
var env = process.env.AWS_EXECUTION_ENV || "NA";
if (!process.env.AWS_SDK_UA_APP_ID?.includes("/PTEnv/")) {
  const ptUserAgent = `PT/NO-OP/${PT_VERSION}/PTEnv/${env}`;
  process.env.AWS_SDK_UA_APP_ID = process.env.AWS_SDK_UA_APP_ID ? `${process.env.AWS_SDK_UA_APP_ID}/${ptUserAgent}` : ptUserAgent;
}

// node_modules/@aws-lambda-powertools/logger/lib/esm/constants.js
var LogJsonIndent = {
  PRETTY: 4,
  COMPACT: 0
};
var LogLevelThreshold = {
  TRACE: 6,
  DEBUG: 8,
  INFO: 12,
  WARN: 16,
  ERROR: 20,
  CRITICAL: 24,
  SILENT: 28
};
var ReservedKeys = [
  "level",
  "message",
  "sampling_rate",
  "service",
  "timestamp"
];
var UncaughtErrorLogMessage = "Uncaught error detected, flushing log buffer before exit";

// node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js
import { Console } from "node:console";
import { randomInt } from "node:crypto";

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/envUtils.js
var getStringFromEnv2 = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage }) => {
  const value = process.env[key];
  if (value === void 0) {
    if (defaultValue !== void 0) {
      return defaultValue;
    }
    if (errorMessage) {
      throw new Error(errorMessage);
    }
    throw new Error(`Environment variable ${key} is required`);
  }
  return value.trim();
}, "getStringFromEnv");
var getNumberFromEnv2 = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage }) => {
  const value = getStringFromEnv2({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = Number(value);
  if (Number.isNaN(parsedValue)) {
    throw new TypeError(`Environment variable ${key} must be a number`);
  }
  return parsedValue;
}, "getNumberFromEnv");
var truthyValues = /* @__PURE__ */ new Set(["1", "y", "yes", "t", "true", "on"]);
var falsyValues = /* @__PURE__ */ new Set(["0", "n", "no", "f", "false", "off"]);
var getBooleanFromEnv = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage, extendedParsing }) => {
  const value = getStringFromEnv2({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = value.toLowerCase();
  if (extendedParsing) {
    if (truthyValues.has(parsedValue)) {
      return true;
    }
    if (falsyValues.has(parsedValue)) {
      return false;
    }
  }
  if (parsedValue !== "true" && parsedValue !== "false") {
    throw new Error(`Environment variable ${key} must be a boolean`);
  }
  return parsedValue === "true";
}, "getBooleanFromEnv");
var isDevMode = /* @__PURE__ */ __name(() => {
  try {
    return getBooleanFromEnv({
      key: POWERTOOLS_DEV_ENV_VAR2,
      extendedParsing: true
    });
  } catch {
    return false;
  }
}, "isDevMode");
var getXrayTraceDataFromEnv = /* @__PURE__ */ __name(() => {
  const xRayTraceEnv = globalThis.awslambda?.InvokeStore?.getXRayTraceId() ?? getStringFromEnv2({
    key: XRAY_TRACE_ID_ENV_VAR2,
    defaultValue: ""
  });
  if (xRayTraceEnv === "") {
    return void 0;
  }
  if (!xRayTraceEnv.includes("=")) {
    return {
      Root: xRayTraceEnv
    };
  }
  const xRayTraceData = {};
  for (const field of xRayTraceEnv.split(";")) {
    const [key, value] = field.split("=");
    xRayTraceData[key] = value;
  }
  return xRayTraceData;
}, "getXrayTraceDataFromEnv");
var shouldUseInvokeStore2 = /* @__PURE__ */ __name(() => {
  const res = getStringFromEnv2({
    key: AWS_LAMBDA_MAX_CONCURRENCY2,
    defaultValue: ""
  });
  return res !== "";
}, "shouldUseInvokeStore");
var getXRayTraceIdFromEnv = /* @__PURE__ */ __name(() => {
  const xRayTraceData = getXrayTraceDataFromEnv();
  return xRayTraceData?.Root;
}, "getXRayTraceIdFromEnv");

// node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/LogFormatter.js
var LogFormatter = class {
  static {
    __name(this, "LogFormatter");
  }
  /**
   * Whether a warning about an unresolvable timezone has already been emitted,
   * used to avoid logging the same warning on every formatted log entry.
   */
  #timezoneWarningEmitted = false;
  /**
   * Format an error into a loggable object.
   *
   * @example
   * ```json
   * {
   *   "name": "Error",
   *   "location": "file.js:1",
   *   "message": "An error occurred",
   *   "stack": "Error: An error occurred\n    at file.js:1\n    at file.js:2\n    at file.js:3",
   *   "cause": {
   *     "name": "OtherError",
   *     "location": "file.js:2",
   *     "message": "Another error occurred",
   *     "stack": "Error: Another error occurred\n    at file.js:2\n    at file.js:3\n    at file.js:4"
   *   }
   * }
   * ```
   *
   * @param error - Error to format
   */
  formatError(error2) {
    const { name, message, stack, cause, ...errorAttributes } = error2;
    const formattedError = {
      name,
      location: this.getCodeLocation(error2.stack),
      message,
      stack: isDevMode() && typeof stack === "string" ? stack?.split("\n") : stack,
      cause: cause instanceof Error ? this.formatError(cause) : cause
    };
    for (const key in error2) {
      if (typeof key === "string" && !["name", "message", "stack", "cause"].includes(key)) {
        formattedError[key] = errorAttributes[key];
      }
    }
    return formattedError;
  }
  /**
   * Format a date into an ISO 8601 string with the configured timezone.
   *
   * The timezone is read from the `TZ` environment variable, if present.
   * Otherwise, the timezone defaults to ':UTC'.
   *
   * @param now - The date to format
   */
  formatTimestamp(now) {
    const defaultTimezone = "UTC";
    const configuredTimezone = getStringFromEnv2({
      key: "TZ",
      defaultValue: ""
    });
    if (configuredTimezone && !configuredTimezone.includes(defaultTimezone))
      return this.#generateISOTimestampWithOffset(now, configuredTimezone);
    return now.toISOString();
  }
  /**
   * Get the location of an error from a stack trace.
   *
   * @param stack - stack trace to parse
   */
  getCodeLocation(stack) {
    if (!stack) {
      return "";
    }
    const stackLines = stack.split("\n");
    const regex = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/;
    for (const item of stackLines) {
      const match = regex.exec(item);
      if (Array.isArray(match)) {
        return `${match[1]}:${Number(match[2])}`;
      }
    }
    return "";
  }
  /**
   * Resolve the time zone to use for formatting timestamps.
   *
   * Validation is delegated to `Intl.DateTimeFormat` itself, so both canonical
   * identifiers (e.g. `Asia/Calcutta`) and their aliases (e.g. `Asia/Kolkata`)
   * are accepted.
   *
   * If the provided time zone cannot be resolved - e.g. `TZ` is set to
   * `:/etc/localtime` in certain Docker images - we fall back to UTC and emit
   * a one-time warning.
   *
   * @param timezone - IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #resolveTimezone = /* @__PURE__ */ __name((timezone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: timezone });
      return timezone;
    } catch {
      if (!this.#timezoneWarningEmitted) {
        this.#timezoneWarningEmitted = true;
        console.warn(`Invalid or unresolvable time zone: "${timezone}" - falling back to UTC.`);
      }
      return "UTC";
    }
  }, "#resolveTimezone");
  /**
   * Create a new Intl.DateTimeFormat object configured with the specified time zone
   * and formatting options.
   *
   * The time is displayed in 24-hour format (hour12: false).
   *
   * @param timezone - resolvable IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #getDateFormatter = /* @__PURE__ */ __name((timezone) => {
    const twoDigitFormatOption = "2-digit";
    return new Intl.DateTimeFormat("en", {
      hourCycle: "h23",
      year: "numeric",
      month: twoDigitFormatOption,
      day: twoDigitFormatOption,
      hour: twoDigitFormatOption,
      minute: twoDigitFormatOption,
      second: twoDigitFormatOption,
      timeZone: timezone
    });
  }, "#getDateFormatter");
  /**
   * Generate an ISO 8601 timestamp string with the specified time zone and the local time zone offset.
   *
   * If the time zone cannot be resolved, both the date/time digits and the offset
   * fall back to UTC so that the emitted timestamp always denotes the correct instant.
   *
   * @param date - date to format
   * @param timezone - IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #generateISOTimestampWithOffset(date3, timezone) {
    const resolvedTimezone = this.#resolveTimezone(timezone);
    const { year, month, day, hour, minute, second } = this.#getDateFormatter(resolvedTimezone).formatToParts(date3).reduce((acc, item) => {
      acc[item.type] = item.value;
      return acc;
    }, {});
    const datePart = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
    const offset = resolvedTimezone === timezone ? -date3.getTimezoneOffset() : 0;
    const offsetSign = offset >= 0 ? "+" : "-";
    const offsetHours = Math.abs(Math.floor(offset / 60)).toString().padStart(2, "0");
    const offsetMinutes = Math.abs(offset % 60).toString().padStart(2, "0");
    const millisecondPart = date3.getMilliseconds().toString().padStart(3, "0");
    const offsetPart = `${offsetSign}${offsetHours}:${offsetMinutes}`;
    return `${datePart}.${millisecondPart}${offsetPart}`;
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/LogItem.js
var LogItem = class {
  static {
    __name(this, "LogItem");
  }
  /**
   * The attributes of the log item.
   */
  attributes = {};
  /**
   * Constructor for LogItem.
   *
   * Attributes are added in the following order:
   * - Standard keys provided by the logger (e.g. `message`, `level`, `timestamp`)
   * - Persistent attributes provided by developer, not formatted (done later)
   * - Ephemeral attributes provided as parameters for a single log item (done later)
   *
   * @param params - The parameters for the LogItem.
   */
  constructor(params) {
    this.setAttributes(params.attributes);
  }
  /**
   * Add attributes to the log item.
   *
   * @param attributes - The attributes to add to the log item.
   */
  addAttributes(attributes) {
    deepMerge(this.attributes, attributes);
    return this;
  }
  /**
   * Get the attributes of the log item.
   */
  getAttributes() {
    return this.attributes;
  }
  /**
   * Prepare the log item for printing.
   *
   * This operation removes empty keys from the log item, see {@link removeEmptyKeys | removeEmptyKeys()} for more information.
   */
  prepareForPrint() {
    this.attributes = this.removeEmptyKeys(this.getAttributes());
  }
  /**
   * Remove empty keys from the log item, where empty keys are defined as keys with
   * values of `undefined`, empty strings (`''`), or `null`.
   *
   * @param attributes - The attributes to remove empty keys from.
   */
  removeEmptyKeys(attributes) {
    const newAttributes = {};
    for (const key in attributes) {
      if (attributes[key] !== void 0 && attributes[key] !== "" && attributes[key] !== null) {
        newAttributes[key] = attributes[key];
      }
    }
    return newAttributes;
  }
  /**
   * Replace the attributes of the log item.
   *
   * @param attributes - The attributes to set for the log item.
   */
  setAttributes(attributes) {
    this.attributes = attributes;
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/PowertoolsLogFormatter.js
var PowertoolsLogFormatter = class extends LogFormatter {
  static {
    __name(this, "PowertoolsLogFormatter");
  }
  /**
   * List of keys to order log attributes by.
   *
   * This can be a set of keys or an array of keys.
   */
  #logRecordOrder;
  constructor(options) {
    super();
    this.#logRecordOrder = options?.logRecordOrder;
  }
  /**
   * It formats key-value pairs of log attributes.
   *
   * @param {UnformattedAttributes} attributes - unformatted attributes
   * @param {LogAttributes} additionalLogAttributes - additional log attributes
   */
  formatAttributes(attributes, additionalLogAttributes) {
    const baseAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
      tenant_id: attributes.lambdaContext?.tenantId
    };
    if (this.#logRecordOrder === void 0) {
      return new LogItem({ attributes: baseAttributes }).addAttributes(additionalLogAttributes);
    }
    const orderedAttributes = {};
    for (const key of this.#logRecordOrder) {
      if (key in baseAttributes && !(key in orderedAttributes)) {
        orderedAttributes[key] = baseAttributes[key];
      } else if (key in additionalLogAttributes && !(key in orderedAttributes)) {
        orderedAttributes[key] = additionalLogAttributes[key];
      }
    }
    for (const key in baseAttributes) {
      if (!(key in orderedAttributes)) {
        orderedAttributes[key] = baseAttributes[key];
      }
    }
    for (const key in additionalLogAttributes) {
      if (!(key in orderedAttributes)) {
        orderedAttributes[key] = additionalLogAttributes[key];
      }
    }
    const powertoolsLogItem = new LogItem({
      attributes: orderedAttributes
    });
    return powertoolsLogItem;
  }
};

// node_modules/@aws-lambda-powertools/logger/node_modules/@aws-lambda-powertools/commons/lib/esm/InvocationScoped.js
var InvocationScoped = class {
  static {
    __name(this, "InvocationScoped");
  }
  /**
   * Key the boxed value is stored under in the InvokeStore, unique to this
   * instance.
   */
  #key;
  /**
   * Creates the value, either by calling the `fresh` factory or by handing back
   * the `initial` value.
   */
  #createValue;
  /**
   * Whether each invocation gets its own value created for it (`fresh`) instead
   * of falling back to the shared one (`initial`).
   */
  #createsPerInvocation;
  /**
   * The value shared across invocations, boxed like the invocation-scoped one.
   */
  #sharedValue;
  /**
   * @param name - Description of the value, used for the storage key, e.g. `powertools.logger.logLevel`
   * @param {Object} options - Options to create the value
   * @param options.initial - Value shared across invocations until one sets its own
   * @param options.fresh - Creates the value, called once per invocation on first access, and once for the shared value
   */
  constructor(name, options) {
    this.#key = Symbol(name);
    if ("fresh" in options) {
      this.#createValue = options.fresh;
      this.#createsPerInvocation = true;
    } else {
      const { initial } = options;
      this.#createValue = () => initial;
      this.#createsPerInvocation = false;
    }
  }
  /**
   * Whether reads and writes are currently scoped to a single invocation.
   */
  get isScoped() {
    return this.#getScopedStore() !== void 0;
  }
  /**
   * Gets the invocation-scoped value when there is one, otherwise the shared
   * value.
   *
   * A `fresh` value is created on first access, and the same one is handed back
   * for the rest of the invocation.
   */
  get() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      return this.getShared();
    }
    const scopedValue = store.get(this.#key);
    if (scopedValue !== void 0) {
      return scopedValue[0];
    }
    if (!this.#createsPerInvocation) {
      return this.getShared();
    }
    const freshValue = this.#createValue();
    store.set(this.#key, [freshValue]);
    return freshValue;
  }
  /**
   * Sets the value for the current invocation, or the shared value when no
   * invocation context is active, i.e. during initialization.
   *
   * `undefined` is a value like any other: it shadows the shared value until
   * {@link InvocationScoped.reset | `reset()`} discards it.
   *
   * @param value - The value to store
   */
  set(value) {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.setShared(value);
      return;
    }
    store.set(this.#key, [value]);
  }
  /**
   * Discards the value, so that a `fresh` one is created on the next access and
   * an `initial` one goes back to the shared value.
   *
   * Outside an invocation context the shared value is discarded instead, which
   * puts an `initial` value back to the one given at construction.
   */
  reset() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.#sharedValue = void 0;
      return;
    }
    store.set(this.#key, void 0);
  }
  /**
   * Gets the value shared across invocations, ignoring any invocation context.
   *
   * It is created on first access, whether from here or from
   * {@link InvocationScoped.get | `get()`}.
   */
  getShared() {
    this.#sharedValue ??= [this.#createValue()];
    return this.#sharedValue[0];
  }
  /**
   * Sets the value shared across invocations, ignoring any invocation context.
   *
   * @param value - The value to store
   */
  setShared(value) {
    this.#sharedValue = [value];
  }
  /**
   * Gets the InvokeStore when reads and writes should be scoped to the current
   * invocation, or `undefined` when they should go to the shared value.
   */
  #getScopedStore() {
    if (!shouldUseInvokeStore2()) {
      return void 0;
    }
    const store = globalThis.awslambda?.InvokeStore;
    if (store === void 0) {
      throw new Error("InvokeStore is not available");
    }
    return store.hasContext() ? store : void 0;
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/LogAttributesStore.js
var LogAttributesStore = class {
  static {
    __name(this, "LogAttributesStore");
  }
  #temporaryAttributes = new InvocationScoped("powertools.logger.temporaryAttributes", { fresh: /* @__PURE__ */ __name(() => ({}), "fresh") });
  #keys = new InvocationScoped("powertools.logger.keys", { fresh: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Map(), "fresh") });
  #lambdaContext = new InvocationScoped("powertools.logger.lambdaContext", { initial: void 0 });
  #persistentAttributes = {};
  #getTemporaryAttributes() {
    return this.#temporaryAttributes.get();
  }
  #getKeys() {
    return this.#keys.get();
  }
  appendTemporaryKeys(attributes) {
    const tempAttrs = this.#getTemporaryAttributes();
    deepMerge(tempAttrs, attributes);
    const keysMap = this.#getKeys();
    for (const key of Object.keys(attributes)) {
      keysMap.set(key, "temp");
    }
  }
  removeTemporaryKeys(keys) {
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const key of keys) {
      tempAttrs[key] = void 0;
      if (this.#persistentAttributes[key]) {
        keysMap.set(key, "persistent");
      } else {
        keysMap.delete(key);
      }
    }
  }
  getTemporaryAttributes() {
    return { ...this.#getTemporaryAttributes() };
  }
  clearTemporaryAttributes() {
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const key of Object.keys(tempAttrs)) {
      if (this.#persistentAttributes[key]) {
        keysMap.set(key, "persistent");
      } else {
        keysMap.delete(key);
      }
    }
    this.#temporaryAttributes.reset();
  }
  setLambdaContext(context) {
    this.#lambdaContext.set(context);
  }
  getLambdaContext() {
    return this.#lambdaContext.get();
  }
  setPersistentAttributes(attributes) {
    const keysMap = this.#getKeys();
    this.#persistentAttributes = { ...attributes };
    for (const key of Object.keys(attributes)) {
      keysMap.set(key, "persistent");
    }
  }
  getPersistentAttributes() {
    return { ...this.#persistentAttributes };
  }
  getAllAttributes() {
    const result = {};
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const [key, value] of Object.entries(this.#persistentAttributes)) {
      if (value !== void 0) {
        result[key] = value;
      }
    }
    for (const [key, type] of keysMap.entries()) {
      if (type === "temp" && tempAttrs[key] !== void 0) {
        result[key] = tempAttrs[key];
      }
    }
    return result;
  }
  removePersistentKeys(keys) {
    const keysMap = this.#getKeys();
    const tempAttrs = this.#getTemporaryAttributes();
    for (const key of keys) {
      this.#persistentAttributes[key] = void 0;
      if (tempAttrs[key]) {
        keysMap.set(key, "temp");
      } else {
        keysMap.delete(key);
      }
    }
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/logBuffer.js
var SizedItem = class {
  static {
    __name(this, "SizedItem");
  }
  value;
  logLevel;
  byteSize;
  constructor(value, logLevel) {
    if (!isString(value)) {
      throw new Error("Value should be a string");
    }
    this.value = value;
    this.logLevel = logLevel;
    this.byteSize = Buffer.byteLength(value);
  }
};
var SizedSet = class extends Set {
  static {
    __name(this, "SizedSet");
  }
  currentBytesSize = 0;
  hasEvictedLog = false;
  /**
   * Adds an item to the set and updates the current byte size.
   *
   * @param item - The item to add
   */
  add(item) {
    this.currentBytesSize += item.byteSize;
    super.add(item);
    return this;
  }
  /**
   * Deletes an item from the set and updates the current byte size.
   *
   * @param item - The item to delete
   */
  delete(item) {
    const wasDeleted = super.delete(item);
    if (wasDeleted) {
      this.currentBytesSize -= item.byteSize;
    }
    return wasDeleted;
  }
  /**
   * Clears all items from the set and resets the current byte size.
   */
  clear() {
    super.clear();
    this.currentBytesSize = 0;
  }
  /**
   * Removes the first item from the set and returns it.
   */
  shift() {
    const firstElement = this.values().next().value;
    if (firstElement) {
      this.delete(firstElement);
    }
    return firstElement;
  }
};
var CircularMap = class extends Map {
  static {
    __name(this, "CircularMap");
  }
  #maxBytesSize;
  #onBufferOverflow;
  constructor({ maxBytesSize, onBufferOverflow }) {
    super();
    this.#maxBytesSize = maxBytesSize;
    this.#onBufferOverflow = onBufferOverflow;
  }
  /**
   * Adds an item to the buffer, evicting older items if necessary.
   *
   * @param key - The key to associate with the item
   * @param value - The item to add
   * @param logLevel - The log level of the item
   */
  setItem(key, value, logLevel) {
    const item = new SizedItem(value, logLevel);
    if (item.byteSize > this.#maxBytesSize) {
      throw new Error("Item too big");
    }
    const buffer = this.get(key) || new SizedSet();
    if (buffer.currentBytesSize !== 0 && buffer.currentBytesSize + item.byteSize >= this.#maxBytesSize) {
      this.#deleteFromBufferUntilSizeIsLessThanMax(buffer, item);
      if (this.#onBufferOverflow) {
        this.#onBufferOverflow();
      }
    }
    buffer.add(item);
    super.set(key, buffer);
    return this;
  }
  /**
   * Deletes an item from the buffer.
   *
   * @param key - The key associated with the item
   * @param value - The item to delete
   */
  #deleteFromBufferUntilSizeIsLessThanMax(buffer, item) {
    while (buffer.size !== 0 && buffer.currentBytesSize + item.byteSize >= this.#maxBytesSize) {
      buffer.shift();
      buffer.hasEvictedLog = true;
    }
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/LogInvocationStore.js
var LogInvocationStore = class {
  static {
    __name(this, "LogInvocationStore");
  }
  #logLevel;
  #buffer = new InvocationScoped("powertools.logger.buffer", { fresh: /* @__PURE__ */ __name(() => new CircularMap({ maxBytesSize: this.#maxBytes }), "fresh") });
  #maxBytes;
  constructor(logLevel) {
    this.#logLevel = new InvocationScoped("powertools.logger.logLevel", {
      initial: logLevel
    });
  }
  /**
   * Get the log level in effect: the per-invocation level when one has been
   * set, otherwise the base level.
   */
  getLogLevel() {
    return this.#logLevel.get();
  }
  /**
   * Get the base log level shared across invocations, without consulting the
   * InvokeStore.
   */
  getBaseLogLevel() {
    return this.#logLevel.getShared();
  }
  /**
   * Set the log level, scoping it to the current invocation when concurrency
   * is enabled and an invocation context is active. Outside an invocation
   * context (e.g. during initialization) the base level is set instead.
   */
  setLogLevel(logLevel) {
    this.#logLevel.set(logLevel);
  }
  /**
   * Set the base log level shared across invocations, regardless of any active
   * invocation context. Used at initialization and for Advanced Logging
   * Controls, which apply environment-wide.
   */
  setBaseLogLevel(logLevel) {
    this.#logLevel.setShared(logLevel);
  }
  /**
   * Enable the log buffer with the given max byte size per trace id.
   *
   * Must be called before any buffer operation; the buffer methods are only
   * reached when buffering is enabled.
   *
   * @param maxBytes - Max byte size of each trace id's buffer
   */
  configureBuffer(maxBytes) {
    this.#maxBytes = maxBytes;
    this.#buffer.setShared(new CircularMap({ maxBytesSize: maxBytes }));
  }
  #getBuffer() {
    return this.#buffer.get();
  }
  /**
   * Add a log to the buffer for the given trace id.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   * @param value - The serialized log to be buffered
   * @param logLevel - The level of the log to be buffered
   */
  add(traceId, value, logLevel) {
    const buffer = this.#getBuffer();
    if (!this.#buffer.isScoped && buffer.has(traceId) === false) {
      buffer.clear();
    }
    buffer.setItem(traceId, value, logLevel);
  }
  /**
   * Get the buffered logs for the given trace id, if any.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   */
  get(traceId) {
    return this.#getBuffer().get(traceId);
  }
  /**
   * Empty the buffer for the given trace id.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   */
  delete(traceId) {
    this.#getBuffer().delete(traceId);
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js
var Logger = class _Logger extends Utility {
  static {
    __name(this, "Logger");
  }
  /**
   * Console instance used to print logs.
   *
   * In AWS Lambda, we create a new instance of the Console class so that we can have
   * full control over the output of the logs. In testing environments, we use the
   * default console instance.
   *
   * This property is initialized in the constructor in `setOptions()`.
   */
  console;
  /**
   * Custom config service instance used to configure the logger.
   */
  customConfigService;
  /**
   * Whether to print the Lambda invocation event in the logs.
   */
  logEvent = false;
  /**
   * Formatter used to format the log items.
   * @default new PowertoolsLogFormatter()
   */
  logFormatter;
  /**
   * JSON indentation used to format the logs.
   */
  logIndentation = LogJsonIndent.COMPACT;
  /**
   * Advanced Logging Control Log Level
   * If not a valid value this will be left undefined, even if the
   * environment variable AWS_LAMBDA_LOG_LEVEL is set
   */
  #alcLogLevel;
  /**
   * Standard attributes managed by Powertools that will be logged in all log items.
   */
  powertoolsLogData = {
    sampleRateValue: 0
  };
  /**
   * Store for managing temporary and persistent log attributes.
   */
  #attributesStore = new LogAttributesStore();
  /**
   * Buffer used to store logs until the logger is initialized.
   *
   * Sometimes we need to log warnings before the logger is fully initialized, however we can't log them
   * immediately because the logger is not ready yet. This buffer stores those logs until the logger is ready.
   */
  #initBuffer = [];
  /**
   * Flag used to determine if the logger is initialized.
   */
  #isInitialized = false;
  /**
   * This is the initial log leval as set during the initialization of the logger.
   *
   * We keep this value to be able to reset the log level to the initial value when the sample rate is refreshed.
   */
  #initialLogLevel = LogLevelThreshold.INFO;
  /**
   * Replacer function used to serialize the log items.
   */
  #jsonReplacerFn;
  /**
   * Buffer configuration options.
   */
  #bufferConfig = {
    enabled: false,
    flushOnErrorLog: true,
    maxBytes: 20480,
    bufferAtVerbosity: LogLevelThreshold.DEBUG
  };
  /**
   * Store for per-invocation log state: the effective log level and, once
   * buffering is enabled, the buffered logs grouped by `_X_AMZN_TRACE_ID`.
   *
   * Scopes the state to each invocation via the InvokeStore when invocations
   * run concurrently, and falls back to instance-level state shared across
   * sequential invocations.
   */
  #invocationStore = new LogInvocationStore(LogLevelThreshold.INFO);
  /**
   * Search function for the correlation ID.
   */
  #correlationIdSearchFn;
  /**
   * The debug sampling rate configuration.
   */
  #debugLogSampling = {
    /**
     * The sampling rate value used to determine if the log level should be set to DEBUG.
     */
    sampleRateValue: 0,
    /**
     * The number of times the debug sampling rate has been refreshed.
     *
     * We use this to determine if we should refresh it again.
     */
    refreshedTimes: 0
  };
  /**
   * Map used to store the warning messages that have already been logged.
   */
  #warnOnceMap = /* @__PURE__ */ new Map();
  /**
   * Log level used by the current instance of Logger.
   *
   * Returns the log level as a number. The higher the number, the less verbose the logs.
   * To get the log level name, use the {@link getLevelName()} method.
   */
  get level() {
    return this.#invocationStore.getLogLevel();
  }
  constructor(options = {}) {
    super();
    const { customConfigService, ...rest } = options;
    this.customConfigService = customConfigService;
    this.setOptions(rest);
    this.#isInitialized = true;
    for (const [level, log] of this.#initBuffer) {
      this.printLog(level, this.createAndPopulateLogItem(...log));
    }
    this.#initBuffer = [];
  }
  /**
   * Add the current Lambda function's invocation context data to the powertoolLogData property of the instance.
   * This context data will be part of all printed log items.
   *
   * The implementation signature also accepts the stored {@link LambdaFunctionContext} subset so that
   * {@link Logger.createChild | `createChild()`} can propagate the parent's context without unsafe casts.
   * The public contract ({@link LoggerInterface.addContext}) remains `Context`.
   *
   * @param context - The Lambda function's invocation context.
   */
  addContext(context) {
    this.#attributesStore.setLambdaContext({
      invokedFunctionArn: context.invokedFunctionArn,
      coldStart: this.getColdStart(),
      awsRequestId: context.awsRequestId,
      memoryLimitInMB: context.memoryLimitInMB,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      tenantId: context.tenantId
    });
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions, please use {@link appendPersistentKeys() `appendPersistentKeys()`} instead.
   */
  addPersistentLogAttributes(attributes) {
    this.appendPersistentKeys(attributes);
  }
  /**
   * Add the given temporary attributes (key-value pairs) to all log items generated by this Logger instance.
   *
   * If the key already exists in the attributes, it will be overwritten. If the key is one of `level`, `message`, `sampling_rate`,
   * `service`, or `timestamp` we will log a warning and drop the value.
   *
   * @param attributes - The attributes to add to all log items.
   */
  appendKeys(attributes) {
    this.#appendKeys(attributes, "temp");
  }
  /**
   * Add the given persistent attributes (key-value pairs) to all log items generated by this Logger instance.
   *
   * If the key already exists in the attributes, it will be overwritten. If the key is one of `level`, `message`, `sampling_rate`,
   * `service`, or `timestamp` we will log a warning and drop the value.
   *
   * @param attributes - The attributes to add to all log items.
   */
  appendPersistentKeys(attributes) {
    this.#appendKeys(attributes, "persistent");
  }
  /**
   * Create a separate Logger instance, identical to the current one.
   * It's possible to overwrite the new instance options by passing them.
   *
   * @param options - The options to initialize the child logger with.
   */
  createChild(options = {}) {
    const persistentKeyName = "persistentLogAttributes" in options && !("persistentKeys" in options) ? "persistentLogAttributes" : "persistentKeys";
    const childLogger = this.createLogger(
      // Merge parent logger options with options passed to createChild,
      // the latter having precedence.
      deepMerge({}, {
        logLevel: this.getLevelName(),
        serviceName: this.powertoolsLogData.serviceName,
        sampleRateValue: this.#debugLogSampling.sampleRateValue,
        logFormatter: this.getLogFormatter(),
        customConfigService: this.getCustomConfigService(),
        environment: this.powertoolsLogData.environment,
        [persistentKeyName]: this.#attributesStore.getPersistentAttributes(),
        jsonReplacerFn: this.#jsonReplacerFn,
        correlationIdSearchFn: this.#correlationIdSearchFn,
        ...this.#bufferConfig.enabled && {
          logBufferOptions: {
            maxBytes: this.#bufferConfig.maxBytes,
            bufferAtVerbosity: this.getLogLevelNameFromNumber(this.#bufferConfig.bufferAtVerbosity),
            flushOnErrorLog: this.#bufferConfig.flushOnErrorLog
          }
        }
      }, options)
    );
    const lambdaContext = this.#attributesStore.getLambdaContext();
    if (lambdaContext)
      childLogger.addContext(lambdaContext);
    const temporaryAttributes = this.#attributesStore.getTemporaryAttributes();
    if (Object.keys(temporaryAttributes).length > 0) {
      childLogger.appendKeys(temporaryAttributes);
    }
    return childLogger;
  }
  /**
   * Print a log item with level CRITICAL.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  critical(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.CRITICAL, input, extraInput);
  }
  /**
   * Print a log item with level DEBUG.
   *
   * @param input
   * @param extraInput - The extra input to log.
   */
  debug(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.DEBUG, input, extraInput);
  }
  /**
   * Print a log item with level ERROR.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  error(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.ERROR, input, extraInput);
  }
  /**
   * Get the log level name of the current instance of Logger.
   *
   * Returns the log level name, i.e. `INFO`, `DEBUG`, etc.
   * To get the log level as a number, use the {@link Logger.level} property.
   */
  getLevelName() {
    return this.getLogLevelNameFromNumber(this.#invocationStore.getLogLevel());
  }
  /**
   * Return a boolean value. True means that the Lambda invocation events
   * are printed in the logs.
   */
  getLogEvent() {
    return this.logEvent;
  }
  /**
   * Return the persistent log attributes, which are the attributes
   * that will be logged in all log items.
   */
  getPersistentLogAttributes() {
    return this.#attributesStore.getPersistentAttributes();
  }
  /**
   * Print a log item with level INFO.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  info(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.INFO, input, extraInput);
  }
  /**
   * Class method decorator that adds the current Lambda function context as extra
   * information in all log items.
   *
   * This decorator is useful when you want to enrich your logs with information
   * from the function context, such as the function name, version, and request ID, and more.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   * import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
   *
   * const logger = new Logger({ serviceName: 'serverlessAirline' });
   *
   * class Lambda implements LambdaInterface {
   *   // Decorate your handler class method
   *   ⁣@logger.injectLambdaContext()
   *   public async handler(_event: unknown, _context: unknown): Promise<void> {
   *     logger.info('This is an INFO log with some context');
   *   }
   * }
   *
   * const handlerClass = new Lambda();
   * export const handler = handlerClass.handler.bind(handlerClass);
   * ```
   *
   * The decorator can also be used to log the Lambda invocation event; this can be configured both via
   * the `logEvent` parameter and the `POWERTOOLS_LOGGER_LOG_EVENT` environment variable. When both
   * are set, the `logEvent` parameter takes precedence.
   *
   * Additionally, the decorator can be used to reset the temporary keys added with the `appendKeys()` method
   * after the invocation, or to flush the buffer when an uncaught error is thrown in the handler.
   *
   * @see https://www.typescriptlang.org/docs/handbook/decorators.html#method-decorators
   *
   * @param options.logEvent - When `true` the logger will log the event.
   * @param options.resetKeys - When `true` the logger will clear temporary keys added with {@link Logger.appendKeys() `appendKeys()`} method.
   * @param options.flushBufferOnUncaughtError - When `true` the logger will flush the buffer when an uncaught error is thrown in the handler.
   */
  injectLambdaContext(options) {
    return (_target, _propertyKey, descriptor) => {
      const originalMethod = descriptor.value;
      const loggerRef = this;
      descriptor.value = async function(...args) {
        loggerRef.refreshSampleRateCalculation();
        loggerRef.addContext(args[1]);
        loggerRef.logEventIfEnabled(args[0], options?.logEvent);
        if (options?.correlationIdPath) {
          loggerRef.setCorrelationId(args[0], options?.correlationIdPath);
        }
        try {
          return await originalMethod.apply(this, args);
        } catch (error2) {
          if (options?.flushBufferOnUncaughtError) {
            loggerRef.flushBuffer();
            loggerRef.error({
              message: UncaughtErrorLogMessage,
              error: error2
            });
          }
          throw error2;
        } finally {
          if (options?.clearState || options?.resetKeys)
            loggerRef.resetKeys();
          loggerRef.clearBuffer();
        }
      };
    };
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions. Use {@link resetKeys()} instead.
   */
  /* v8 ignore next -- @preserve */
  static injectLambdaContextAfterOrOnError(logger, _persistentAttributes, options) {
    if (options && (options.clearState || options?.resetKeys)) {
      logger.resetKeys();
    }
  }
  /**
   * @deprecated - This method is deprecated and will be removed in the next major version.
   */
  /* v8 ignore next -- @preserve */
  static injectLambdaContextBefore(logger, event, context, options) {
    logger.addContext(context);
    logger.logEventIfEnabled(event, options?.logEvent);
  }
  /**
   * Log the AWS Lambda event payload for the current invocation if the environment variable `POWERTOOLS_LOGGER_LOG_EVENT` is set to `true`.
   *
   * @example
   * ```ts
   * process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
   *
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger();
   *
   * export const handler = async (event) => {
   *   logger.logEventIfEnabled(event);
   *   // ... your handler code
   * }
   * ```
   *
   * @param event - The AWS Lambda event payload.
   * @param overwriteValue - Overwrite the environment variable value.
   */
  logEventIfEnabled(event, overwriteValue) {
    if (!this.shouldLogEvent(overwriteValue))
      return;
    this.info("Lambda invocation event", { event });
  }
  /**
   * This method allows recalculating the initial sampling decision for changing
   * the log level to DEBUG based on a sample rate value used during initialization,
   * potentially yielding a different outcome.
   *
   * This only works for warm starts, because we don't to avoid double sampling.
   */
  refreshSampleRateCalculation() {
    if (this.#debugLogSampling.refreshedTimes === 0) {
      this.#debugLogSampling.refreshedTimes++;
      return;
    }
    if (this.#shouldEnableDebugSampling() && this.#invocationStore.getLogLevel() > LogLevelThreshold.TRACE) {
      this.setLogLevel("DEBUG");
      this.debug("Setting log level to DEBUG due to sampling rate");
    } else {
      this.setLogLevel(this.getLogLevelNameFromNumber(this.#initialLogLevel));
    }
  }
  /**
   * Remove temporary attributes based on provided keys to all log items generated by this Logger instance.
   *
   * @param keys - The keys to remove.
   */
  removeKeys(keys) {
    this.#attributesStore.removeTemporaryKeys(keys);
  }
  /**
   * Remove the given keys from the persistent keys.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger({
   *   persistentKeys: {
   *     environment: 'prod',
   *   },
   * });
   *
   * logger.removePersistentKeys(['environment']);
   * ```
   *
   * @param keys - The keys to remove from the persistent attributes.
   */
  removePersistentKeys(keys) {
    this.#attributesStore.removePersistentKeys(keys);
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions. Use {@link removePersistentKeys()} instead.
   */
  removePersistentLogAttributes(keys) {
    this.removePersistentKeys(keys);
  }
  /**
   * Remove all temporary log attributes added with {@link appendKeys() `appendKeys()`} method.
   */
  resetKeys() {
    this.#attributesStore.clearTemporaryAttributes();
  }
  /**
   * Set the log level for this Logger instance.
   *
   * If the log level is set using AWS Lambda Advanced Logging Controls, it sets it
   * instead of the given log level to avoid data loss.
   *
   * @param logLevel The log level to set, i.e. `error`, `warn`, `info`, `debug`, etc.
   */
  setLogLevel(logLevel) {
    if (this.awsLogLevelShortCircuit(logLevel))
      return;
    if (this.isValidLogLevel(logLevel)) {
      this.#invocationStore.setLogLevel(LogLevelThreshold[logLevel]);
    } else {
      throw new Error(`Invalid log level: ${logLevel}`);
    }
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions, please use {@link appendPersistentKeys() `appendPersistentKeys()`} instead.
   */
  setPersistentLogAttributes(attributes) {
    const filtered = this.#filterReservedAttributeKeys(attributes);
    this.#attributesStore.setPersistentAttributes(filtered);
  }
  /**
   * @deprecated Use getPersistentLogAttributes() instead
   */
  get persistentLogAttributes() {
    return this.#attributesStore.getPersistentAttributes();
  }
  /**
   * Check whether the current Lambda invocation event should be printed in the logs or not.
   *
   * @param overwriteValue - Overwrite the environment variable value.
   */
  shouldLogEvent(overwriteValue) {
    if (typeof overwriteValue === "boolean") {
      return overwriteValue;
    }
    return this.getLogEvent();
  }
  /**
   * Print a log item with level TRACE.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  trace(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.TRACE, input, extraInput);
  }
  /**
   * Print a log item with level WARN.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  warn(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.WARN, input, extraInput);
  }
  /**
   * Log a warning message once per unique message.
   *
   * @param message - The log message.
   */
  #warnOnce(message) {
    if (this.#warnOnceMap.has(message))
      return;
    this.#warnOnceMap.set(message, true);
    this.warn(message);
  }
  /**
   * Factory method for instantiating logger instances. Used by `createChild` method.
   * Important for customization and subclassing. It allows subclasses, like `MyOwnLogger`,
   * to override its behavior while keeping the main business logic in `createChild` intact.
   *
   * @example
   * ```typescript
   * // MyOwnLogger subclass
   * class MyOwnLogger extends Logger {
   *   protected createLogger(options?: ConstructorOptions): MyOwnLogger {
   *     return new MyOwnLogger(options);
   *   }
   *   // No need to re-implement business logic from `createChild` and keep track on changes
   *   public createChild(options?: ConstructorOptions): MyOwnLogger {
   *     return super.createChild(options) as MyOwnLogger;
   *   }
   * }
   * ```
   *
   * @param options - Logger configuration options.
   */
  createLogger(options) {
    return new _Logger(options);
  }
  /**
   * A custom JSON replacer function that is used to serialize the log items.
   *
   * By default, we already extend the default serialization behavior to handle `BigInt` and `Error` objects, as well as remove circular references.
   * When a custom JSON replacer function is passed to the Logger constructor, it will be called **before** our custom rules for each key-value pair in the object being stringified.
   *
   * This allows you to customize the serialization while still benefiting from the default behavior.
   *
   * @see {@link ConstructorOptions.jsonReplacerFn}
   */
  getJsonReplacer() {
    const ancestors = [];
    const jsonReplacerFn = this.#jsonReplacerFn;
    const logFormatter = this.getLogFormatter();
    return function(key, value) {
      let replacedValue = value;
      if (jsonReplacerFn)
        replacedValue = jsonReplacerFn(key, replacedValue);
      if (replacedValue instanceof Error) {
        replacedValue = logFormatter.formatError(replacedValue);
      }
      if (typeof replacedValue === "bigint") {
        return replacedValue.toString();
      }
      if (typeof replacedValue === "object" && replacedValue !== null) {
        while (ancestors.length > 0 && ancestors.at(-1) !== this) {
          ancestors.pop();
        }
        if (ancestors.includes(replacedValue)) {
          return;
        }
        ancestors.push(replacedValue);
      }
      return replacedValue;
    };
  }
  /**
   * Store information that is printed in all log items.
   *
   * @param attributes - The attributes to add to all log items.
   */
  addToPowertoolsLogData(attributes) {
    deepMerge(this.powertoolsLogData, attributes);
  }
  #filterReservedAttributeKeys(attributes) {
    const filtered = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        filtered[key] = value;
      }
    }
    return filtered;
  }
  /**
   * Shared logic for adding keys to the logger instance.
   *
   * @param attributes - The attributes to add to the log item.
   * @param type - The type of the attributes to add.
   */
  #appendKeys(attributes, type) {
    const filtered = this.#filterReservedAttributeKeys(attributes);
    if (type === "temp") {
      this.#attributesStore.appendTemporaryKeys(filtered);
    } else {
      const current = this.#attributesStore.getPersistentAttributes();
      this.#attributesStore.setPersistentAttributes(deepMerge(current, filtered));
    }
  }
  awsLogLevelShortCircuit(selectedLogLevel) {
    if (this.#alcLogLevel !== void 0) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[this.#alcLogLevel]);
      if (this.isValidLogLevel(selectedLogLevel) && this.#invocationStore.getBaseLogLevel() > LogLevelThreshold[selectedLogLevel]) {
        this.#warnOnce(`Current log level (${selectedLogLevel}) does not match AWS Lambda Advanced Logging Controls minimum log level (${this.#alcLogLevel}). This can lead to data loss, consider adjusting them.`);
      }
      return true;
    }
    return false;
  }
  /**
   * Create a log item and populate it with the given log level, input, and extra input.
   */
  createAndPopulateLogItem(logLevel, input, extraInput) {
    const unformattedBaseAttributes = {
      logLevel: this.getLogLevelNameFromNumber(logLevel),
      timestamp: /* @__PURE__ */ new Date(),
      xRayTraceId: getXRayTraceIdFromEnv(),
      ...this.#getPowertoolsLogData(),
      message: ""
    };
    const additionalAttributes = this.#attributesStore.getAllAttributes();
    this.#processMainInput(input, unformattedBaseAttributes, additionalAttributes);
    this.#processExtraInput(extraInput, additionalAttributes);
    return this.getLogFormatter().formatAttributes(unformattedBaseAttributes, additionalAttributes);
  }
  /**
   * Process the main input message and add it to the attributes
   */
  #processMainInput(input, baseAttributes, additionalAttributes) {
    if (typeof input === "string") {
      baseAttributes.message = input;
      return;
    }
    const { message, ...rest } = input;
    baseAttributes.message = message;
    for (const [key, value] of Object.entries(rest)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        additionalAttributes[key] = value;
      }
    }
  }
  /**
   * Process extra input items and add them to additional attributes
   */
  #processExtraInput(extraInput, additionalAttributes) {
    for (const item of extraInput) {
      if (isNullOrUndefined(item)) {
        continue;
      }
      if (item instanceof Error) {
        additionalAttributes.error = item;
      } else if (typeof item === "string") {
        additionalAttributes.extra = item;
      } else {
        this.#processExtraObject(item, additionalAttributes);
      }
    }
  }
  /**
   * Process an extra input object and add its properties to additional attributes
   */
  #processExtraObject(item, additionalAttributes) {
    for (const [key, value] of Object.entries(item)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        additionalAttributes[key] = value;
      }
    }
  }
  /**
   * Make a new debug log sampling decision based on the sample rate value.
   */
  #shouldEnableDebugSampling() {
    return this.#debugLogSampling.sampleRateValue && randomInt(0, 100) / 100 <= this.#debugLogSampling.sampleRateValue;
  }
  /**
   * Check if a given key is reserved and warn the user if it is.
   *
   * @param key - The key to check
   */
  #checkReservedKeyAndWarn(key) {
    if (ReservedKeys.includes(key)) {
      this.warn(`The key "${key}" is a reserved key and will be dropped.`);
      return true;
    }
    return false;
  }
  /**
   * Get the custom config service, an abstraction used to fetch environment variables.
   */
  getCustomConfigService() {
    return this.customConfigService;
  }
  /**
   * Get the instance of a service that formats the structure of a
   * log item's keys and values in the desired way.
   */
  getLogFormatter() {
    return this.logFormatter;
  }
  /**
   * Get the log level name from the log level number.
   *
   * For example, if the log level is 16, it will return 'WARN'.
   *
   * @param logLevel - The log level to get the name of
   */
  getLogLevelNameFromNumber(logLevel) {
    let found;
    for (const [key, value] of Object.entries(LogLevelThreshold)) {
      if (value === logLevel) {
        found = key;
        break;
      }
    }
    return found;
  }
  /**
   * Get information that will be added in all log item by
   * this Logger instance (different from user-provided persistent attributes).
   */
  #getPowertoolsLogData() {
    const lambdaContext = this.#attributesStore.getLambdaContext();
    if (lambdaContext === void 0) {
      return this.powertoolsLogData;
    }
    return { ...this.powertoolsLogData, lambdaContext };
  }
  /**
   * Check if a given log level is valid.
   *
   * @param logLevel - The log level to check
   */
  isValidLogLevel(logLevel) {
    return typeof logLevel === "string" && logLevel in LogLevelThreshold;
  }
  /**
   * Check if a given sample rate value is valid.
   *
   * @param sampleRateValue - The sample rate value to check
   */
  isValidSampleRate(sampleRateValue) {
    return typeof sampleRateValue === "number" && 0 <= sampleRateValue && sampleRateValue <= 1;
  }
  /**
   * Print a given log with given log level.
   *
   * @param logLevel - The log level
   * @param log - The log item to print
   */
  printLog(logLevel, log) {
    log.prepareForPrint();
    const consoleMethod = logLevel === LogLevelThreshold.CRITICAL ? "error" : this.getLogLevelNameFromNumber(logLevel).toLowerCase();
    this.console[consoleMethod](JSON.stringify(log.getAttributes(), this.getJsonReplacer(), this.logIndentation));
  }
  /**
   * Print or buffer a given log with given log level.
   *
   * @param logLevel - The log level threshold
   * @param input - The log message
   * @param extraInput - The extra input to log
   */
  processLogItem(logLevel, input, extraInput) {
    if (this.#bufferConfig.enabled && this.#bufferConfig.flushOnErrorLog && logLevel >= LogLevelThreshold.ERROR && logLevel < LogLevelThreshold.SILENT) {
      this.flushBuffer();
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId !== void 0 && this.shouldBufferLog(traceId, logLevel)) {
      try {
        this.bufferLogItem(traceId, this.createAndPopulateLogItem(logLevel, input, extraInput), logLevel);
      } catch (error2) {
        this.printLog(LogLevelThreshold.WARN, this.createAndPopulateLogItem(LogLevelThreshold.WARN, `Unable to buffer log: ${error2.message}`, [error2]));
        this.printLog(logLevel, this.createAndPopulateLogItem(logLevel, input, extraInput));
      }
      return;
    }
    if (logLevel >= this.#invocationStore.getLogLevel()) {
      if (this.#isInitialized) {
        this.printLog(logLevel, this.createAndPopulateLogItem(logLevel, input, extraInput));
      } else {
        this.#initBuffer.push([logLevel, [logLevel, input, extraInput]]);
      }
    }
  }
  /**
   * Initialize the console property as an instance of the internal version of Console() class (PR #748)
   * or as the global node console if the `POWERTOOLS_DEV' env variable is set and has truthy value.
   */
  setConsole() {
    if (isDevMode()) {
      this.console = console;
    } else {
      this.console = new Console({
        stdout: process.stdout,
        stderr: process.stderr
      });
    }
    this.console.trace = (message, ...optionalParams) => {
      this.console.log(message, ...optionalParams);
    };
  }
  /**
   * Set the initial Logger log level based on the following order:
   * 1. If a log level is set using AWS Lambda Advanced Logging Controls, it sets it.
   * 2. If a log level is passed to the constructor, it sets it.
   * 3. If a log level is set via custom config service, it sets it.
   * 4. If a log level is set via env variables, it sets it.
   *
   * If none of the above is true, the default log level applies (`INFO`).
   *
   * @param logLevel - Log level passed to the constructor
   */
  setInitialLogLevel(logLevel) {
    const constructorLogLevel = logLevel?.toUpperCase();
    if (this.awsLogLevelShortCircuit(constructorLogLevel)) {
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    if (this.isValidLogLevel(constructorLogLevel)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[constructorLogLevel]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    const customConfigValue = this.getCustomConfigService()?.getLogLevel()?.toUpperCase();
    if (this.isValidLogLevel(customConfigValue)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[customConfigValue]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    const logLevelVariable = getStringFromEnv2({
      key: "POWERTOOLS_LOG_LEVEL",
      defaultValue: ""
    });
    const logLevelVariableAlias = getStringFromEnv2({
      key: "LOG_LEVEL",
      defaultValue: ""
    });
    const logLevelValue = logLevelVariable || logLevelVariableAlias;
    if (this.isValidLogLevel(logLevelValue)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[logLevelValue]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
    }
  }
  /**
   * Set the sample rate value with the following priority:
   * 1. Constructor value
   * 2. Custom config service value
   * 3. Environment variable value
   * 4. Default value (zero)
   *
   * @param sampleRateValue - The sample rate value
   */
  setInitialSampleRate(sampleRateValue) {
    const constructorValue = sampleRateValue;
    const customConfigValue = this.getCustomConfigService()?.getSampleRateValue();
    const sampleRateEnvVariable = getNumberFromEnv2({
      key: "POWERTOOLS_LOGGER_SAMPLE_RATE",
      defaultValue: 0
    });
    for (const value of [
      constructorValue,
      customConfigValue,
      sampleRateEnvVariable
    ]) {
      if (this.isValidSampleRate(value)) {
        this.#debugLogSampling.sampleRateValue = value;
        this.powertoolsLogData.sampleRateValue = value;
        if (this.#shouldEnableDebugSampling() && this.#invocationStore.getBaseLogLevel() > LogLevelThreshold.TRACE) {
          this.setLogLevel("DEBUG");
          this.debug("Setting log level to DEBUG due to sampling rate");
        }
        break;
      }
    }
  }
  /**
   * If the log event feature is enabled via env variable, it sets a property that tracks whether
   * the event passed to the Lambda function handler should be logged or not.
   */
  setLogEvent() {
    this.logEvent = getBooleanFromEnv({
      key: "POWERTOOLS_LOGGER_LOG_EVENT",
      defaultValue: false
    });
  }
  /**
   * Set the log formatter instance, in charge of giving a custom format
   * to the structured logs, and optionally the ordering for keys within logs.
   *
   * @param logFormatter - The log formatter
   * @param logRecordOrder - Optional list of keys to specify order in logs
   */
  setLogFormatter(logFormatter, logRecordOrder) {
    this.logFormatter = logFormatter ?? new PowertoolsLogFormatter({
      logRecordOrder
    });
  }
  /**
   * If the `POWERTOOLS_DEV` env variable is set,
   * add JSON indentation for pretty printing logs.
   */
  setLogIndentation() {
    if (isDevMode()) {
      this.logIndentation = LogJsonIndent.PRETTY;
    }
  }
  /**
   * Configure the Logger instance settings that will affect the Logger's behaviour
   * and the content of all logs.
   *
   * @param options - Options to configure the Logger instance
   */
  setOptions(options) {
    const {
      logLevel,
      serviceName,
      sampleRateValue,
      logFormatter,
      persistentKeys,
      persistentLogAttributes,
      // deprecated in favor of persistentKeys
      environment,
      jsonReplacerFn,
      logRecordOrder,
      logBufferOptions,
      correlationIdSearchFn
    } = options;
    if (persistentLogAttributes && Object.keys(persistentLogAttributes).length > 0 && persistentKeys && Object.keys(persistentKeys).length > 0) {
      this.warn("Both persistentLogAttributes and persistentKeys options were provided. Using persistentKeys as persistentLogAttributes is deprecated and will be removed in future releases");
    }
    this.setPowertoolsLogData(serviceName, environment, persistentKeys || persistentLogAttributes);
    const lambdaLogLevel = getStringFromEnv2({
      key: "AWS_LAMBDA_LOG_LEVEL",
      defaultValue: ""
    });
    const AlcLogLevel = lambdaLogLevel === "FATAL" ? "CRITICAL" : lambdaLogLevel;
    if (this.isValidLogLevel(AlcLogLevel)) {
      this.#alcLogLevel = AlcLogLevel;
    }
    this.setLogEvent();
    this.setInitialLogLevel(logLevel);
    this.setInitialSampleRate(sampleRateValue);
    this.setLogFormatter(logFormatter, logRecordOrder);
    this.setConsole();
    this.setLogIndentation();
    this.#jsonReplacerFn = jsonReplacerFn;
    this.#setLogBuffering(logBufferOptions);
    this.#correlationIdSearchFn = correlationIdSearchFn;
    return this;
  }
  /**
   * Add important data to the Logger instance that will affect the content of all logs.
   *
   * @param serviceName - The service name
   * @param environment - The environment
   * @param persistentKeys - The persistent log attributes
   */
  setPowertoolsLogData(serviceName, environment, persistentKeys) {
    this.addToPowertoolsLogData({
      awsRegion: getStringFromEnv2({
        key: "AWS_REGION",
        defaultValue: ""
      }),
      environment: environment || this.getCustomConfigService()?.getCurrentEnvironment() || getStringFromEnv2({
        key: "ENVIRONMENT",
        defaultValue: ""
      }),
      serviceName: serviceName || this.getCustomConfigService()?.getServiceName() || getStringFromEnv2({
        key: "POWERTOOLS_SERVICE_NAME",
        defaultValue: ""
      }) || this.defaultServiceName
    });
    persistentKeys && this.appendPersistentKeys(persistentKeys);
  }
  /**
   * Configure the buffer settings for the Logger instance.
   *
   * @param options - Options to configure the Logger instance
   */
  #setLogBuffering(options) {
    if (options === void 0) {
      return;
    }
    this.#bufferConfig.enabled = options?.enabled !== false;
    if (this.#bufferConfig.enabled === false)
      return;
    if (options?.maxBytes !== void 0) {
      this.#bufferConfig.maxBytes = options.maxBytes;
    }
    this.#invocationStore.configureBuffer(this.#bufferConfig.maxBytes);
    if (options?.flushOnErrorLog === false) {
      this.#bufferConfig.flushOnErrorLog = false;
    }
    const bufferAtLogLevel = options?.bufferAtVerbosity?.toUpperCase();
    if (this.isValidLogLevel(bufferAtLogLevel)) {
      this.#bufferConfig.bufferAtVerbosity = LogLevelThreshold[bufferAtLogLevel];
    }
    if (this.#alcLogLevel !== void 0 && LogLevelThreshold[this.#alcLogLevel] > this.#bufferConfig.bufferAtVerbosity) {
      this.#warnOnce("Advanced Loggging Controls (ALC) Log Level is less verbose than Log Buffering Log Level. Buffered logs will be filtered by ALC");
    }
  }
  /**
   * Add a log to the buffer.
   *
   * @param xrayTraceId - `_X_AMZN_TRACE_ID` of the request
   * @param log - Log to be buffered
   * @param logLevel - The level of log to be buffered
   */
  bufferLogItem(xrayTraceId, log, logLevel) {
    log.prepareForPrint();
    this.#invocationStore.add(xrayTraceId, JSON.stringify(log.getAttributes(), this.getJsonReplacer(), this.logIndentation), logLevel);
  }
  /**
   * Flush all logs in the request buffer.
   *
   * This is called automatically when you use the {@link injectLambdaContext | `@logger.injectLambdaContext()`} decorator and
   * your function throws an error.
   */
  flushBuffer() {
    if (this.#bufferConfig.enabled === false) {
      return;
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId === void 0) {
      return;
    }
    const buffer = this.#invocationStore.get(traceId);
    if (buffer === void 0) {
      return;
    }
    for (const item of buffer) {
      const consoleMethod = this.getLogLevelNameFromNumber(item.logLevel).toLowerCase();
      this.console[consoleMethod](item.value);
    }
    if (buffer.hasEvictedLog) {
      this.printLog(LogLevelThreshold.WARN, this.createAndPopulateLogItem(LogLevelThreshold.WARN, "Some logs are not displayed because they were evicted from the buffer. Increase buffer size to store more logs in the buffer", []));
    }
    if (this.#alcLogLevel !== void 0 && LogLevelThreshold[this.#alcLogLevel] > this.#bufferConfig.bufferAtVerbosity) {
      this.#warnOnce("Advanced Loggging Controls (ALC) Log Level is less verbose than Log Buffering Log Level. Some logs might be missing.");
    }
    this.#invocationStore.delete(traceId);
  }
  /**
   * Empties the buffer for the current request
   */
  clearBuffer() {
    if (this.#bufferConfig.enabled === false) {
      return;
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId === void 0) {
      return;
    }
    this.#invocationStore.delete(traceId);
  }
  /**
   * Test if the log meets the criteria to be buffered.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   * @param logLevel - The level of the log being considered
   */
  shouldBufferLog(traceId, logLevel) {
    return this.#bufferConfig.enabled && traceId !== void 0 && logLevel <= this.#bufferConfig.bufferAtVerbosity;
  }
  /**
   * Set the correlation ID for the log item.
   *
   * This method can be used to set the correlation ID for the log item or to search for the correlation ID in the event.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger();
   * logger.setCorrelationId('my-correlation-id'); // sets the correlation ID directly with the first argument as value
   * ```
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   * import { search } from '@aws-lambda-powertools/logger/correlationId';
   *
   * const logger = new Logger({ correlationIdSearchFn: search });
   * logger.setCorrelationId(event, 'requestContext.requestId'); // sets the correlation ID from the event using JMSPath expression
   * ```
   *
   * @param value - The value to set as the correlation ID or the event to search for the correlation ID
   * @param correlationIdPath - Optional JMESPath expression to extract the correlation ID for the payload
   */
  setCorrelationId(value, correlationIdPath) {
    if (typeof correlationIdPath === "string") {
      if (!this.#correlationIdSearchFn) {
        this.#warnOnce("correlationIdPath is set but no search function was provided. The correlation ID will not be added to the log attributes.");
        return;
      }
      const correlationId = this.#correlationIdSearchFn(correlationIdPath, value);
      if (correlationId)
        this.appendKeys({ correlation_id: correlationId });
      return;
    }
    this.appendKeys({ correlation_id: value });
  }
  /**
   * Get the correlation ID from the log attributes.
   */
  getCorrelationId() {
    return this.#attributesStore.getTemporaryAttributes().correlation_id;
  }
};

// node_modules/@aws-lambda-powertools/logger/lib/esm/middleware/middy.js
var injectLambdaContext = /* @__PURE__ */ __name((target, options) => {
  const loggers = Array.isArray(target) ? target : [target];
  const isResetStateEnabled = options && (options.clearState || options.resetKeys);
  const setCleanupFunction = /* @__PURE__ */ __name((request) => {
    request.internal = {
      ...request.internal,
      [LOGGER_KEY]: after
    };
  }, "setCleanupFunction");
  const before = /* @__PURE__ */ __name((request) => {
    for (const logger of loggers) {
      if (isResetStateEnabled) {
        setCleanupFunction(request);
      }
      logger.refreshSampleRateCalculation();
      Logger.injectLambdaContextBefore(logger, request.event, request.context, options);
      if (options?.correlationIdPath) {
        logger.setCorrelationId(request.event, options.correlationIdPath);
      }
    }
  }, "before");
  const after = /* @__PURE__ */ __name(() => {
    for (const logger of loggers) {
      logger.clearBuffer();
      if (isResetStateEnabled) {
        logger.resetKeys();
      }
    }
  }, "after");
  const onError = /* @__PURE__ */ __name(({ error: error2 }) => {
    for (const logger of loggers) {
      if (options?.flushBufferOnUncaughtError) {
        logger.flushBuffer();
        logger.error({
          message: UncaughtErrorLogMessage,
          error: error2
        });
      } else {
        logger.clearBuffer();
      }
      if (isResetStateEnabled) {
        logger.resetKeys();
      }
    }
  }, "onError");
  return {
    before,
    after,
    onError
  };
}, "injectLambdaContext");

// node_modules/@aws-lambda-powertools/metrics/lib/esm/constants.js
var COLD_START_METRIC = "ColdStart";
var DEFAULT_NAMESPACE = "default_namespace";
var MIN_METRIC_NAME_LENGTH = 1;
var MAX_METRIC_NAME_LENGTH = 255;
var MAX_METRICS_SIZE = 100;
var MAX_METRIC_VALUES_SIZE = 100;
var MAX_DIMENSION_COUNT = 29;
var EMF_MAX_TIMESTAMP_PAST_AGE = 14 * 24 * 60 * 60 * 1e3;
var EMF_MAX_TIMESTAMP_FUTURE_AGE = 2 * 60 * 60 * 1e3;
var MetricUnit = {
  Seconds: "Seconds",
  Microseconds: "Microseconds",
  Milliseconds: "Milliseconds",
  Bytes: "Bytes",
  Kilobytes: "Kilobytes",
  Megabytes: "Megabytes",
  Gigabytes: "Gigabytes",
  Terabytes: "Terabytes",
  Bits: "Bits",
  Kilobits: "Kilobits",
  Megabits: "Megabits",
  Gigabits: "Gigabits",
  Terabits: "Terabits",
  Percent: "Percent",
  Count: "Count",
  BytesPerSecond: "Bytes/Second",
  KilobytesPerSecond: "Kilobytes/Second",
  MegabytesPerSecond: "Megabytes/Second",
  GigabytesPerSecond: "Gigabytes/Second",
  TerabytesPerSecond: "Terabytes/Second",
  BitsPerSecond: "Bits/Second",
  KilobitsPerSecond: "Kilobits/Second",
  MegabitsPerSecond: "Megabits/Second",
  GigabitsPerSecond: "Gigabits/Second",
  TerabitsPerSecond: "Terabits/Second",
  CountPerSecond: "Count/Second",
  NoUnit: "None"
};
var MetricResolution = {
  Standard: 60,
  High: 1
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/Metrics.js
import { Console as Console2 } from "node:console";

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/version.js
var PT_VERSION2 = "2.36.0";

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js
var EXEC_ENV2 = process.env.AWS_EXECUTION_ENV || "NA";

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/middleware/constants.js
var PREFIX2 = "powertools-for-aws";
var TRACER_KEY2 = `${PREFIX2}.tracer`;
var METRICS_KEY2 = `${PREFIX2}.metrics`;
var LOGGER_KEY2 = `${PREFIX2}.logger`;
var IDEMPOTENCY_KEY2 = `${PREFIX2}.idempotency`;

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/typeUtils.js
var isString2 = /* @__PURE__ */ __name((value) => {
  return typeof value === "string";
}, "isString");
var isNumber2 = /* @__PURE__ */ __name((value) => {
  return typeof value === "number";
}, "isNumber");
var isIntegerNumber2 = /* @__PURE__ */ __name((value) => {
  return isNumber2(value) && Number.isInteger(value);
}, "isIntegerNumber");
var isNull2 = /* @__PURE__ */ __name((value) => {
  return Object.is(value, null);
}, "isNull");
var isNullOrUndefined2 = /* @__PURE__ */ __name((value) => {
  return isNull2(value) || Object.is(value, void 0);
}, "isNullOrUndefined");
var isStringUndefinedNullEmpty2 = /* @__PURE__ */ __name((value) => {
  if (isNullOrUndefined2(value))
    return true;
  if (!isString2(value))
    return true;
  if (value.trim().length === 0)
    return true;
  return false;
}, "isStringUndefinedNullEmpty");

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/constants.js
var AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR3 = "AWS_LAMBDA_INITIALIZATION_TYPE";
var AWS_LAMBDA_MAX_CONCURRENCY3 = "AWS_LAMBDA_MAX_CONCURRENCY";
var POWERTOOLS_DEV_ENV_VAR3 = "POWERTOOLS_DEV";
var POWERTOOLS_SERVICE_NAME_ENV_VAR3 = "POWERTOOLS_SERVICE_NAME";

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/Utility.js
var Utility2 = class {
  static {
    __name(this, "Utility");
  }
  #initializationType;
  coldStart = true;
  defaultServiceName = "service_undefined";
  constructor() {
    this.#initializationType = this.getInitializationType();
    if (this.#initializationType !== "on-demand") {
      this.coldStart = false;
    }
  }
  /**
   * Get the value of the `AWS_LAMBDA_INITIALIZATION_TYPE` environment variable.
   */
  getInitializationType() {
    const envVarValue = process.env[AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR3]?.trim();
    if (envVarValue === "on-demand") {
      return "on-demand";
    }
    if (envVarValue === "provisioned-concurrency") {
      return "provisioned-concurrency";
    }
    return "unknown";
  }
  /**
   * Get the cold start status of the current execution environment.
   *
   * The method also flips the cold start status to `false` after the first invocation.
   */
  getColdStart() {
    if (this.#initializationType !== "on-demand") {
      return false;
    }
    if (this.coldStart) {
      this.coldStart = false;
      return true;
    }
    return false;
  }
  /**
   * Validate that the service name provided is valid.
   * Used internally during initialization.
   *
   * @param serviceName Service name to validate
   */
  isValidServiceName(serviceName) {
    return typeof serviceName === "string" && serviceName.trim().length > 0;
  }
};

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/index.js
var env2 = process.env.AWS_EXECUTION_ENV || "NA";
if (!process.env.AWS_SDK_UA_APP_ID?.includes("/PTEnv/")) {
  const ptUserAgent = `PT/NO-OP/${PT_VERSION2}/PTEnv/${env2}`;
  process.env.AWS_SDK_UA_APP_ID = process.env.AWS_SDK_UA_APP_ID ? `${process.env.AWS_SDK_UA_APP_ID}/${ptUserAgent}` : ptUserAgent;
}

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/envUtils.js
var getStringFromEnv3 = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage }) => {
  const value = process.env[key];
  if (value === void 0) {
    if (defaultValue !== void 0) {
      return defaultValue;
    }
    if (errorMessage) {
      throw new Error(errorMessage);
    }
    throw new Error(`Environment variable ${key} is required`);
  }
  return value.trim();
}, "getStringFromEnv");
var truthyValues2 = /* @__PURE__ */ new Set(["1", "y", "yes", "t", "true", "on"]);
var falsyValues2 = /* @__PURE__ */ new Set(["0", "n", "no", "f", "false", "off"]);
var getBooleanFromEnv2 = /* @__PURE__ */ __name(({ key, defaultValue, errorMessage, extendedParsing }) => {
  const value = getStringFromEnv3({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = value.toLowerCase();
  if (extendedParsing) {
    if (truthyValues2.has(parsedValue)) {
      return true;
    }
    if (falsyValues2.has(parsedValue)) {
      return false;
    }
  }
  if (parsedValue !== "true" && parsedValue !== "false") {
    throw new Error(`Environment variable ${key} must be a boolean`);
  }
  return parsedValue === "true";
}, "getBooleanFromEnv");
var isDevMode2 = /* @__PURE__ */ __name(() => {
  try {
    return getBooleanFromEnv2({
      key: POWERTOOLS_DEV_ENV_VAR3,
      extendedParsing: true
    });
  } catch {
    return false;
  }
}, "isDevMode");
var getServiceName = /* @__PURE__ */ __name(() => {
  return getStringFromEnv3({
    key: POWERTOOLS_SERVICE_NAME_ENV_VAR3,
    defaultValue: ""
  });
}, "getServiceName");
var shouldUseInvokeStore3 = /* @__PURE__ */ __name(() => {
  const res = getStringFromEnv3({
    key: AWS_LAMBDA_MAX_CONCURRENCY3,
    defaultValue: ""
  });
  return res !== "";
}, "shouldUseInvokeStore");

// node_modules/@aws-lambda-powertools/metrics/node_modules/@aws-lambda-powertools/commons/lib/esm/InvocationScoped.js
var InvocationScoped2 = class {
  static {
    __name(this, "InvocationScoped");
  }
  /**
   * Key the boxed value is stored under in the InvokeStore, unique to this
   * instance.
   */
  #key;
  /**
   * Creates the value, either by calling the `fresh` factory or by handing back
   * the `initial` value.
   */
  #createValue;
  /**
   * Whether each invocation gets its own value created for it (`fresh`) instead
   * of falling back to the shared one (`initial`).
   */
  #createsPerInvocation;
  /**
   * The value shared across invocations, boxed like the invocation-scoped one.
   */
  #sharedValue;
  /**
   * @param name - Description of the value, used for the storage key, e.g. `powertools.logger.logLevel`
   * @param {Object} options - Options to create the value
   * @param options.initial - Value shared across invocations until one sets its own
   * @param options.fresh - Creates the value, called once per invocation on first access, and once for the shared value
   */
  constructor(name, options) {
    this.#key = Symbol(name);
    if ("fresh" in options) {
      this.#createValue = options.fresh;
      this.#createsPerInvocation = true;
    } else {
      const { initial } = options;
      this.#createValue = () => initial;
      this.#createsPerInvocation = false;
    }
  }
  /**
   * Whether reads and writes are currently scoped to a single invocation.
   */
  get isScoped() {
    return this.#getScopedStore() !== void 0;
  }
  /**
   * Gets the invocation-scoped value when there is one, otherwise the shared
   * value.
   *
   * A `fresh` value is created on first access, and the same one is handed back
   * for the rest of the invocation.
   */
  get() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      return this.getShared();
    }
    const scopedValue = store.get(this.#key);
    if (scopedValue !== void 0) {
      return scopedValue[0];
    }
    if (!this.#createsPerInvocation) {
      return this.getShared();
    }
    const freshValue = this.#createValue();
    store.set(this.#key, [freshValue]);
    return freshValue;
  }
  /**
   * Sets the value for the current invocation, or the shared value when no
   * invocation context is active, i.e. during initialization.
   *
   * `undefined` is a value like any other: it shadows the shared value until
   * {@link InvocationScoped.reset | `reset()`} discards it.
   *
   * @param value - The value to store
   */
  set(value) {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.setShared(value);
      return;
    }
    store.set(this.#key, [value]);
  }
  /**
   * Discards the value, so that a `fresh` one is created on the next access and
   * an `initial` one goes back to the shared value.
   *
   * Outside an invocation context the shared value is discarded instead, which
   * puts an `initial` value back to the one given at construction.
   */
  reset() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.#sharedValue = void 0;
      return;
    }
    store.set(this.#key, void 0);
  }
  /**
   * Gets the value shared across invocations, ignoring any invocation context.
   *
   * It is created on first access, whether from here or from
   * {@link InvocationScoped.get | `get()`}.
   */
  getShared() {
    this.#sharedValue ??= [this.#createValue()];
    return this.#sharedValue[0];
  }
  /**
   * Sets the value shared across invocations, ignoring any invocation context.
   *
   * @param value - The value to store
   */
  setShared(value) {
    this.#sharedValue = [value];
  }
  /**
   * Gets the InvokeStore when reads and writes should be scoped to the current
   * invocation, or `undefined` when they should go to the shared value.
   */
  #getScopedStore() {
    if (!shouldUseInvokeStore3()) {
      return void 0;
    }
    const store = globalThis.awslambda?.InvokeStore;
    if (store === void 0) {
      throw new Error("InvokeStore is not available");
    }
    return store.hasContext() ? store : void 0;
  }
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/DimensionsStore.js
var DimensionsStore = class {
  static {
    __name(this, "DimensionsStore");
  }
  #dimensions = new InvocationScoped2("powertools.metrics.dimensions", { fresh: /* @__PURE__ */ __name(() => ({}), "fresh") });
  #dimensionSets = new InvocationScoped2("powertools.metrics.dimensionSets", { fresh: /* @__PURE__ */ __name(() => [], "fresh") });
  #defaultDimensions = {};
  #getDimensions() {
    return this.#dimensions.get();
  }
  #getDimensionSets() {
    return this.#dimensionSets.get();
  }
  addDimension(name, value) {
    this.#getDimensions()[name] = value;
    return value;
  }
  addDimensionSet(dimensionSet) {
    this.#getDimensionSets().push({ ...dimensionSet });
    return dimensionSet;
  }
  getDimensions() {
    return { ...this.#getDimensions() };
  }
  getDimensionSets() {
    return this.#getDimensionSets().map((set) => ({ ...set }));
  }
  clearRequestDimensions() {
    this.#dimensions.reset();
    this.#dimensionSets.reset();
  }
  clearDefaultDimensions() {
    this.#defaultDimensions = {};
  }
  setDefaultDimensions(dimensions) {
    this.#defaultDimensions = { ...dimensions };
  }
  getDefaultDimensions() {
    return { ...this.#defaultDimensions };
  }
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/MetadataStore.js
var MetadataStore = class {
  static {
    __name(this, "MetadataStore");
  }
  #metadata = new InvocationScoped2("powertools.metrics.metadata", { fresh: /* @__PURE__ */ __name(() => ({}), "fresh") });
  #getStorage() {
    return this.#metadata.get();
  }
  set(key, value) {
    this.#getStorage()[key] = value;
    return value;
  }
  getAll() {
    return { ...this.#getStorage() };
  }
  clear() {
    this.#metadata.reset();
  }
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/MetricsStore.js
var MetricsStore = class {
  static {
    __name(this, "MetricsStore");
  }
  #storedMetrics = new InvocationScoped2("powertools.metrics.storedMetrics", { fresh: /* @__PURE__ */ __name(() => ({}), "fresh") });
  #timestamp = new InvocationScoped2("powertools.metrics.timestamp", { initial: void 0 });
  #getStorage() {
    return this.#storedMetrics.get();
  }
  getMetric(name) {
    return this.#getStorage()[name];
  }
  /**
   * Adds a metric value to storage. If a metric with the same name already exists,
   * the value is appended to an array. Validates that the unit matches any existing metric.
   *
   * @example
   * ```typescript
   * store.setMetric('latency', MetricUnit.Milliseconds, 100);
   * // Returns: { name: 'latency', unit: 'Milliseconds', value: 100, resolution: 60 }
   *
   * store.setMetric('latency', MetricUnit.Milliseconds, 150);
   * // Returns: { name: 'latency', unit: 'Milliseconds', value: [100, 150], resolution: 60 }
   * ```
   *
   * @param name - The metric name
   * @param unit - The metric unit (must match existing metric if present)
   * @param value - The metric value to add
   * @param resolution - The metric resolution (defaults to Standard)
   * @returns The stored metric with updated values
   * @throws Error if unit doesn't match existing metric
   */
  setMetric(name, unit, value, resolution = MetricResolution.Standard) {
    const storage = this.#getStorage();
    const existingMetric = storage[name];
    if (existingMetric === void 0) {
      const newMetric = {
        name,
        unit,
        value,
        resolution
      };
      storage[name] = newMetric;
      return { ...newMetric };
    }
    if (existingMetric.unit !== unit) {
      const currentUnit = existingMetric.unit;
      throw new Error(`Metric "${name}" has already been added with unit "${currentUnit}", but we received unit "${unit}". Did you mean to use metric unit "${currentUnit}"?`);
    }
    if (!Array.isArray(existingMetric.value)) {
      existingMetric.value = [existingMetric.value];
    }
    existingMetric.value.push(value);
    return { ...existingMetric, value: [...existingMetric.value] };
  }
  getMetricNames() {
    return Object.keys(this.#getStorage());
  }
  getAllMetrics() {
    return Object.values(this.#getStorage());
  }
  clearMetrics() {
    this.#storedMetrics.reset();
    this.#timestamp.set(void 0);
  }
  hasMetrics() {
    return this.getMetricNames().length > 0;
  }
  getMetricsCount() {
    return this.getMetricNames().length;
  }
  getTimestamp() {
    return this.#timestamp.get();
  }
  setTimestamp(timestamp) {
    const timestampMs = this.#convertTimestampToEmfFormat(timestamp);
    this.#timestamp.set(timestampMs);
    return timestampMs;
  }
  #convertTimestampToEmfFormat(timestamp) {
    if (isIntegerNumber2(timestamp)) {
      return timestamp;
    }
    if (timestamp instanceof Date) {
      return timestamp.getTime();
    }
    return 0;
  }
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/Metrics.js
var Metrics = class _Metrics extends Utility2 {
  static {
    __name(this, "Metrics");
  }
  /**
   * Console instance used to print logs.
   *
   * In AWS Lambda, we create a new instance of the Console class so that we can have
   * full control over the output of the logs. In testing environments, we use the
   * default console instance.
   *
   * This property is initialized in the constructor in setOptions().
   *
   * @private
   */
  console;
  /**
   * Custom configuration service for metrics
   */
  customConfigService;
  /**
   * Storage for dimensions
   */
  #dimensionsStore = new DimensionsStore();
  /**
   * Name of the Lambda function
   */
  functionName;
  /**
   * Custom logger object used for emitting debug, warning, and error messages.
   *
   * Note that this logger is not used for emitting metrics which are emitted to standard output using the `Console` object.
   */
  #logger;
  /**
   * Flag indicating if this is a single metric instance
   * @default false
   */
  isSingleMetric = false;
  /**
   * Additional metadata to be included with metrics
   */
  #metadataStore = new MetadataStore();
  /**
   * Namespace for the metrics
   */
  namespace;
  /**
   * Flag to determine if an error should be thrown when no metrics are recorded
   * @default false
   */
  shouldThrowOnEmptyMetrics = false;
  /**
   * Storage for metrics before they are published
   */
  #metricsStore = new MetricsStore();
  /**
   * Whether to disable metrics
   */
  disabled = false;
  /**
   * Cached environment config values.
   * Initialized once in setEnvConfig().
   */
  #envConfig = {
    namespace: "",
    functionName: "",
    serviceName: "",
    disabled: false,
    devMode: false
  };
  constructor(options = {}) {
    super();
    this.setEnvConfig();
    this.setConsole();
    this.#logger = options.logger || this.console;
    this.setOptions(options);
  }
  /**
   * Add a dimension to metrics.
   *
   * A dimension is a key-value pair that is used to group metrics, and it is included in all metrics emitted after it is added.
   * Invalid dimension values are skipped and a warning is logged.
   *
   * When calling the {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method, the dimensions are cleared. This type of
   * dimension is useful when you want to add request-specific dimensions to your metrics. If you want to add dimensions that are
   * included in all metrics, use the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method.
   *
   * @param name - The name of the dimension
   * @param value - The value of the dimension
   */
  addDimension(name, value) {
    if (isStringUndefinedNullEmpty2(name) || isStringUndefinedNullEmpty2(value)) {
      this.#logger.warn(`The dimension ${name} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`);
      return this;
    }
    const dimensions = this.#dimensionsStore.getDimensions();
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const projectedSize = (/* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(dimensions),
      name
    ])).size;
    if (projectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    if (Object.hasOwn(dimensions, name) || Object.hasOwn(defaultDimensions, name)) {
      this.#logger.warn(`Dimension "${name}" has already been added. The previous value will be overwritten.`);
    }
    this.#dimensionsStore.addDimension(name, value);
    return this;
  }
  /**
   * Add multiple dimensions to the metrics.
   *
   * This method is useful when you want to add multiple dimensions to the metrics at once.
   * Invalid dimension values are skipped and a warning is logged.
   *
   * When calling the {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method, the dimensions are cleared. This type of
   * dimension is useful when you want to add request-specific dimensions to your metrics. If you want to add dimensions that are
   * included in all metrics, use the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method.
   *
   * @param dimensions - An object with key-value pairs of dimensions
   */
  addDimensions(dimensions) {
    const newDimensions = this.#sanitizeDimensions(dimensions);
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const projectedSize = (/* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(newDimensions)
    ])).size;
    if (projectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    this.#dimensionsStore.addDimensionSet(newDimensions);
    return this;
  }
  /**
   * A metadata key-value pair to be included with metrics.
   *
   * You can use this method to add high-cardinality data as part of your metrics.
   * This is useful when you want to search highly contextual information along with your metrics in your logs.
   *
   * Note that the metadata is not included in the Amazon CloudWatch UI, but it can be used to search and filter logs.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async (event) => {
   *   metrics.addMetadata('request_id', event.requestId);
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   *
   * @param key - The key of the metadata
   * @param value - The value of the metadata
   */
  addMetadata(key, value) {
    this.#metadataStore.set(key, value);
    return this;
  }
  /**
   * Add a metric to the metrics buffer.
   *
   * By default, metrics are buffered and flushed when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method,
   * or at the end of the handler function when using the {@link Metrics.logMetrics | `logMetrics()`} decorator or the Middy.js middleware.
   *
   * Metrics are emitted to standard output in the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * You can add a metric by specifying the metric name, unit, and value. For convenience,
   * we provide a set of constants for the most common units in the {@link MetricUnits | MetricUnit} dictionary object.
   *
   * Optionally, you can specify a {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Resolution_definition | resolution}, which can be either `High` or `Standard`, using the {@link MetricResolutions | MetricResolution} dictionary object.
   * By default, metrics are published with a resolution of `Standard`.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   *
   * @param name - The metric name
   * @param unit - The metric unit, see {@link MetricUnits | MetricUnit}
   * @param value - The metric value
   * @param resolution - The metric resolution, see {@link MetricResolutions | MetricResolution}
   */
  addMetric(name, unit, value, resolution = MetricResolution.Standard) {
    this.storeMetric(name, unit, value, resolution);
    if (this.isSingleMetric)
      this.publishStoredMetrics();
    return this;
  }
  /**
   * Immediately emit a `ColdStart` metric if this is a cold start invocation.
   *
   * A cold start is when AWS Lambda initializes a new instance of your function. To take advantage of this feature,
   * you must instantiate the Metrics class outside of the handler function.
   *
   * By using this method, the metric will be emitted immediately without you having to call {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}.
   *
   * If you are using the {@link Metrics.logMetrics | `logMetrics()`} decorator, or the Middy.js middleware, you can enable this
   * feature by setting the `captureColdStartMetric` option to `true`.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.captureColdStartMetric();
   * };
   * ```
   *
   * @param functionName - Optional function name to use as `function_name` dimension in the metric. It's used only if the `functionName` constructor parameter or environment variable are not set.
   */
  captureColdStartMetric(functionName) {
    if (!this.getColdStart())
      return;
    const singleMetric = this.singleMetric();
    const value = this.functionName?.trim() ?? functionName?.trim();
    if (value && value.length > 0) {
      singleMetric.addDimension("function_name", value);
    }
    singleMetric.addMetric(COLD_START_METRIC, MetricUnit.Count, 1);
  }
  /**
   * Clear all previously set default dimensions.
   *
   * This will remove all default dimensions set by the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method
   * or via the `defaultDimensions` parameter in the constructor.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   *   defaultDimensions: { environment: 'dev' },
   * });
   *
   * metrics.setDefaultDimensions({ region: 'us-west-2' });
   *
   * // both environment and region dimensions are removed
   * metrics.clearDefaultDimensions();
   * ```
   */
  clearDefaultDimensions() {
    this.#dimensionsStore.clearDefaultDimensions();
  }
  /**
   * Clear all the dimensions added to the Metrics instance via {@link Metrics.addDimension | `addDimension()`} or {@link Metrics.addDimensions | `addDimensions()`}.
   *
   * These dimensions are normally cleared when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}, but
   * you can use this method to clear specific dimensions that you no longer need at runtime.
   *
   * This method does not clear the default dimensions set via {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} or via
   * the `defaultDimensions` parameter in the constructor.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addDimension('region', 'us-west-2');
   *
   *   // ...
   *
   *   metrics.clearDimensions(); // only the region dimension is removed
   * };
   * ```
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearDimensions() {
    this.#dimensionsStore.clearRequestDimensions();
  }
  /**
   * Clear all the metadata added to the Metrics instance.
   *
   * Metadata is normally cleared when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}, but
   * you can use this method to clear specific metadata that you no longer need at runtime.
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearMetadata() {
    this.#metadataStore.clear();
  }
  /**
   * Clear all the metrics stored in the buffer.
   *
   * This is useful when you want to clear the metrics stored in the buffer without publishing them.
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearMetrics() {
    this.#metricsStore.clearMetrics();
  }
  /**
   * Check if there are stored metrics in the buffer.
   */
  hasStoredMetrics() {
    return this.#metricsStore.hasMetrics();
  }
  /**
   * Whether metrics are disabled.
   */
  isDisabled() {
    return this.disabled;
  }
  /**
   * A class method decorator to automatically log metrics after the method returns or throws an error.
   *
   * The decorator can be used with TypeScript classes and can be configured to optionally capture a `ColdStart` metric (see {@link Metrics.captureColdStartMetric | `captureColdStartMetric()`}),
   * throw an error if no metrics are emitted (see {@link Metrics.setThrowOnEmptyMetrics | `setThrowOnEmptyMetrics()`}),
   * and set default dimensions for all metrics (see {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`}).
   *
   * @example
   *
   * ```typescript
   * import type { Context } from 'aws-lambda';
   * import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * class Lambda implements LambdaInterface {
   *   ⁣@metrics.logMetrics({ captureColdStartMetric: true })
   *   public async handler(_event: { requestId: string }, _: Context) {
   *     metrics.addMetadata('request_id', event.requestId);
   *     metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   }
   * }
   *
   * const handlerClass = new Lambda();
   * export const handler = handlerClass.handler.bind(handlerClass);
   * ```
   *
   * You can configure the decorator with the following options:
   * - `captureColdStartMetric` - Whether to capture a `ColdStart` metric
   * - `defaultDimensions` - Default dimensions to add to all metrics
   * - `throwOnEmptyMetrics` - Whether to throw an error if no metrics are emitted
   *
   * @param options - Options to configure the behavior of the decorator, see {@link ExtraOptions}
   */
  logMetrics(options = {}) {
    const { throwOnEmptyMetrics, defaultDimensions, captureColdStartMetric } = options;
    if (throwOnEmptyMetrics) {
      this.setThrowOnEmptyMetrics(throwOnEmptyMetrics);
    }
    if (defaultDimensions !== void 0) {
      this.setDefaultDimensions(defaultDimensions);
    }
    return (_target, _propertyKey, descriptor) => {
      const originalMethod = descriptor.value;
      const metricsRef = this;
      descriptor.value = async function(...args) {
        if (captureColdStartMetric) {
          metricsRef.captureColdStartMetric(args[1].functionName);
        }
        let result;
        try {
          result = await originalMethod.apply(this, args);
        } finally {
          metricsRef.publishStoredMetrics();
        }
        return result;
      };
      return descriptor;
    };
  }
  /**
   * Flush the stored metrics to standard output.
   *
   * The method empties the metrics buffer and emits the metrics to standard output in the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * When using the {@link Metrics.logMetrics | `logMetrics()`} decorator, or the Middy.js middleware, the metrics are automatically flushed after the handler function returns or throws an error.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   */
  publishStoredMetrics() {
    const hasMetrics = this.hasStoredMetrics();
    if (!this.shouldThrowOnEmptyMetrics && !hasMetrics) {
      this.#logger.warn("No application metrics to publish. The cold-start metric may be published if enabled. If application metrics should never be empty, consider using `throwOnEmptyMetrics`");
    }
    try {
      if (!this.disabled) {
        const emfOutput = this.serializeMetrics();
        hasMetrics && this.console.log(JSON.stringify(emfOutput));
      }
    } finally {
      this.clearMetrics();
      this.clearDimensions();
      this.clearMetadata();
    }
    return this;
  }
  /**
   * Flush the stored metrics when the instance goes out of a `using` scope.
   *
   * This implements the [`Disposable`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Symbol/dispose)
   * interface by delegating to {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}.
   * When the binding declared with `using` leaves scope—including when an exception is thrown—the stored
   * metrics are automatically flushed, removing the need for a manual `try/finally` block.
   *
   * The `using` keyword requires Node.js 24 or newer.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   using _ = metrics;
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   // metrics are automatically flushed when the scope exits, including on exceptions
   * };
   * ```
   */
  [Symbol.dispose]() {
    this.publishStoredMetrics();
  }
  /**
   * Sets the timestamp for the metric.
   *
   * If an integer is provided, it is assumed to be the epoch time in milliseconds.
   * If a Date object is provided, it will be converted to epoch time in milliseconds.
   *
   * The timestamp must be a Date object or an integer representing an epoch time.
   * This should not exceed 14 days in the past or be more than 2 hours in the future.
   * Any metrics failing to meet this criteria will be skipped by Amazon CloudWatch.
   *
   * See: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
   * See: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
   *
   * @example
   * ```typescript
   * import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   * });
   *
   * export const handler = async () => {
   *   const metricTimestamp = new Date(Date.now() - 24 * 60 * 60 * 1000); // 24 hours ago
   *   metrics.setTimestamp(metricTimestamp);
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   * };
   * ```
   * @param timestamp - The timestamp to set, which can be a number or a Date object.
   */
  setTimestamp(timestamp) {
    if (!this.#validateEmfTimestamp(timestamp)) {
      this.#logger.warn("This metric doesn't meet the requirements and will be skipped by Amazon CloudWatch. Ensure the timestamp is within 14 days in the past or up to 2 hours in the future and is also a valid number or Date object.");
    }
    this.#metricsStore.setTimestamp(timestamp);
    return this;
  }
  /**
   * Serialize the stored metrics into a JSON object compliant with the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * The EMF schema is a JSON object that contains the following properties:
   * - `_aws`: An object containing the timestamp and the CloudWatch metrics.
   * - `CloudWatchMetrics`: An array of CloudWatch metrics objects.
   * - `Namespace`: The namespace of the metrics.
   * - `Dimensions`: An array of dimensions for the metrics.
   * - `Metrics`: An array of metric definitions.
   *
   * The object is then emitted to standard output, which in AWS Lambda is picked up by CloudWatch logs and processed asynchronously.
   */
  serializeMetrics() {
    const metricDefinitions = this.#metricsStore.getAllMetrics().map((metricDefinition) => {
      return {
        Name: metricDefinition.name,
        Unit: metricDefinition.unit,
        ...metricDefinition.resolution === MetricResolution.High ? { StorageResolution: metricDefinition.resolution } : {}
      };
    });
    if (metricDefinitions.length === 0 && this.shouldThrowOnEmptyMetrics) {
      throw new RangeError("The number of metrics recorded must be higher than zero");
    }
    if (!this.namespace)
      this.#logger.warn("Namespace should be defined, default used");
    const metricValues = this.#metricsStore.getAllMetrics().reduce((result, { name, value }) => {
      result[name] = value;
      return result;
    }, {});
    const dimensionNames = [];
    const dimensions = this.#dimensionsStore.getDimensions();
    const dimensionSets = this.#dimensionsStore.getDimensionSets();
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const allDimensionKeys = /* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(dimensions)
    ]);
    if (Object.keys(dimensions).length > 0) {
      dimensionNames.push([...allDimensionKeys]);
    }
    for (const dimensionSet of dimensionSets) {
      const dimensionSetKeys = /* @__PURE__ */ new Set([
        ...Object.keys(defaultDimensions),
        ...Object.keys(dimensionSet)
      ]);
      dimensionNames.push([...dimensionSetKeys]);
    }
    if (dimensionNames.length === 0 && Object.keys(defaultDimensions).length > 0) {
      dimensionNames.push(Object.keys(defaultDimensions));
    }
    this.#checkKeyCollisions(defaultDimensions, dimensions, dimensionSets, metricValues, this.#metadataStore.getAll());
    return {
      _aws: {
        Timestamp: this.#metricsStore.getTimestamp() ?? Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.namespace || DEFAULT_NAMESPACE,
            Dimensions: dimensionNames,
            Metrics: metricDefinitions
          }
        ]
      },
      // Metadata is spread first so that any colliding key from a dimension
      // source overrides it: dimensions are load-bearing for EMF aggregation,
      // metadata is incidental context.
      ...this.#metadataStore.getAll(),
      ...defaultDimensions,
      ...dimensions,
      // Merge all dimension sets efficiently by mutating the accumulator
      ...dimensionSets.reduce((acc, dims) => {
        for (const [key, value] of Object.entries(dims)) {
          acc[key] = value;
        }
        return acc;
      }, {}),
      ...metricValues
    };
  }
  #checkKeyCollisions(defaultDimensions, dimensions, dimensionSets, metricValues, metadata) {
    const seenKeys = /* @__PURE__ */ new Map();
    const setKey = /* @__PURE__ */ __name((k, source) => {
      const existing = seenKeys.get(k);
      if (existing !== void 0) {
        this.#logger.warn(`EMF key "${k}" is defined as both a ${existing} and ${source}; the ${source} value will take precedence in the serialized output`);
      }
      seenKeys.set(k, source);
    }, "setKey");
    for (const k of Object.keys(metadata))
      setKey(k, "metadata");
    for (const k of Object.keys(defaultDimensions))
      setKey(k, "default dimension");
    for (const k of Object.keys(dimensions))
      setKey(k, "dimension");
    for (const set of dimensionSets)
      for (const k of Object.keys(set))
        setKey(k, "dimension set");
    for (const name of Object.keys(metricValues)) {
      const src = seenKeys.get(name);
      if (src !== void 0) {
        throw new Error(`EMF key collision on "${name}": registered as both a metric (number) and a ${src} (string)`);
      }
    }
  }
  /**
   * Set default dimensions that will be added to all metrics.
   *
   * This method will merge the provided dimensions with the existing default dimensions.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   *   defaultDimensions: { environment: 'dev' },
   * });
   *
   * // Default dimensions will contain both region and environment
   * metrics.setDefaultDimensions({
   *   region: 'us-west-2',
   *   environment: 'prod',
   * });
   * ```
   *
   * @param dimensions - The dimensions to be added to the default dimensions object
   */
  setDefaultDimensions(dimensions) {
    const newDimensions = this.#sanitizeDimensions(dimensions);
    const currentDefaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const currentDimensions = this.#dimensionsStore.getDimensions();
    const dimensionSets = this.#dimensionsStore.getDimensionSets();
    const combinedDefaultKeys = [
      ...Object.keys(currentDefaultDimensions),
      ...Object.keys(newDimensions)
    ];
    const currentDimensionsKeys = Object.keys(currentDimensions);
    let maxProjectedSize = currentDimensionsKeys.length > 0 ? (/* @__PURE__ */ new Set([...combinedDefaultKeys, ...currentDimensionsKeys])).size : new Set(combinedDefaultKeys).size;
    for (const dimensionSet of dimensionSets) {
      const setSize = (/* @__PURE__ */ new Set([
        ...combinedDefaultKeys,
        ...Object.keys(dimensionSet)
      ])).size;
      if (setSize > maxProjectedSize) {
        maxProjectedSize = setSize;
      }
    }
    if (maxProjectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    this.#dimensionsStore.setDefaultDimensions({
      ...currentDefaultDimensions,
      ...newDimensions
    });
    return this;
  }
  /**
   * @deprecated Override the function name for `ColdStart` metrics inferred from the context either via:
   * - `functionName` constructor parameter
   * - `POWERTOOLS_FUNCTION_NAME` environment variable
   * - {@link Metrics.captureColdStartMetric | `captureColdStartMetric('myFunctionName')`} method
   */
  /* v8 ignore next -- @preserve */
  setFunctionName(name) {
    this.functionName = name;
  }
  /**
   * Set the flag to throw an error if no metrics are emitted.
   *
   * You can use this method to enable or disable this opt-in feature. This is useful if you want to ensure
   * that at least one metric is emitted when flushing the metrics. This can be useful to catch bugs where
   * metrics are not being emitted as expected.
   *
   * @param enabled - Whether to throw an error if no metrics are emitted
   */
  setThrowOnEmptyMetrics(enabled) {
    this.shouldThrowOnEmptyMetrics = enabled;
    return this;
  }
  /**
   * Create a new Metrics instance configured to immediately flush a single metric.
   *
   * CloudWatch EMF uses the same dimensions and timestamp across all your metrics, this is useful when you have a metric that should have different dimensions
   * or when you want to emit a single metric without buffering it.
   *
   * This method is used internally by the {@link Metrics.captureColdStartMetric | `captureColdStartMetric()`} method to emit the `ColdStart` metric immediately
   * after the handler function is called.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   const singleMetric = metrics.singleMetric();
   *   // The single metric will be emitted immediately
   *   singleMetric.addMetric('ColdStart', MetricUnit.Count, 1);
   *
   *   // These other metrics will be buffered and emitted when calling `publishStoredMetrics()`
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   */
  singleMetric() {
    return new _Metrics({
      namespace: this.namespace,
      defaultDimensions: this.#dimensionsStore.getDefaultDimensions(),
      singleMetric: true,
      logger: this.#logger
    });
  }
  /**
   * @deprecated Use {@link Metrics.setThrowOnEmptyMetrics | `setThrowOnEmptyMetrics()`} instead.
   */
  /* v8 ignore next -- @preserve */
  throwOnEmptyMetrics() {
    this.shouldThrowOnEmptyMetrics = true;
  }
  /**
   * Get the custom config service if it exists.
   */
  getCustomConfigService() {
    return this.customConfigService;
  }
  /**
   * Initialize the console property as an instance of the internal version of `Console()` class (PR #748)
   * or as the global node console if the `POWERTOOLS_DEV' env variable is set and has truthy value.
   *
   * @private
   */
  setConsole() {
    if (this.#envConfig.devMode) {
      this.console = console;
    } else {
      this.console = new Console2({
        stdout: process.stdout,
        stderr: process.stderr
      });
    }
  }
  /**
   * Set the custom config service to be used.
   *
   * @param customConfigService The custom config service to be used
   */
  setCustomConfigService(customConfigService) {
    this.customConfigService = customConfigService;
  }
  /**
   * Set the environment variables service to be used.
   */
  setEnvConfig() {
    this.#envConfig.namespace = getStringFromEnv3({
      key: "POWERTOOLS_METRICS_NAMESPACE",
      defaultValue: ""
    });
    this.#envConfig.functionName = getStringFromEnv3({
      key: "POWERTOOLS_METRICS_FUNCTION_NAME",
      defaultValue: ""
    });
    this.#envConfig.serviceName = getServiceName();
    this.#envConfig.disabled = getBooleanFromEnv2({
      key: "POWERTOOLS_METRICS_DISABLED",
      defaultValue: false,
      extendedParsing: true
    });
    this.#envConfig.devMode = isDevMode2();
  }
  /**
   * Set the function name for the cold start metric.
   *
   * @param functionName - The function name to be used for the cold start metric set in the constructor
   */
  setFunctionNameForColdStartMetric(functionName) {
    const value = functionName?.trim() ?? this.#envConfig.functionName;
    if (value && value.length > 0) {
      this.functionName = value;
    }
  }
  /**
   * Set the namespace to be used.
   *
   * @param namespace - The namespace to be used
   */
  setNamespace(namespace) {
    this.namespace = namespace || this.getCustomConfigService()?.getNamespace() || this.#envConfig.namespace;
  }
  /**
   * Set the disbaled flag based on the environment variables `POWERTOOLS_METRICS_DISABLED` and `POWERTOOLS_DEV`.
   *
   * The `POWERTOOLS_METRICS_DISABLED` environment variable takes precedence over `POWERTOOLS_DEV`.
   */
  setDisabled() {
    if ("POWERTOOLS_METRICS_DISABLED" in process.env && process.env.POWERTOOLS_METRICS_DISABLED !== void 0) {
      this.disabled = this.#envConfig.disabled;
      return;
    }
    this.disabled = this.#envConfig.devMode;
  }
  /**
   * Set the options to be used by the Metrics instance.
   *
   * This method is used during the initialization of the Metrics instance.
   *
   * @param options - The options to be used
   */
  setOptions(options) {
    const { customConfigService, namespace, serviceName, singleMetric, defaultDimensions, functionName } = options;
    this.setCustomConfigService(customConfigService);
    this.setDisabled();
    this.setNamespace(namespace);
    const resolvedServiceName = this.#resolveServiceName(serviceName);
    this.setDefaultDimensions(defaultDimensions ? { service: resolvedServiceName, ...defaultDimensions } : { service: resolvedServiceName });
    this.setFunctionNameForColdStartMetric(functionName);
    this.isSingleMetric = singleMetric || false;
    return this;
  }
  /**
   * Set the service dimension that will be included in the metrics.
   *
   * @param service - The service to be used
   */
  #resolveServiceName(service) {
    return service || this.getCustomConfigService()?.getServiceName() || this.#envConfig.serviceName || this.defaultServiceName;
  }
  /**
   * Store a metric in the buffer.
   *
   * If the buffer is full, or the metric reaches the maximum number of values,
   * the metrics are flushed to stdout.
   *
   * @param name - The name of the metric to store
   * @param unit - The unit of the metric to store
   * @param value - The value of the metric to store
   * @param resolution - The resolution of the metric to store
   */
  storeMetric(name, unit, value, resolution) {
    if (!isString2(name))
      throw new Error(`${name} is not a valid string`);
    if (name.length < MIN_METRIC_NAME_LENGTH || name.length > MAX_METRIC_NAME_LENGTH)
      throw new RangeError(`The metric name should be between ${MIN_METRIC_NAME_LENGTH} and ${MAX_METRIC_NAME_LENGTH} characters`);
    if (!isNumber2(value))
      throw new RangeError(`${value} is not a valid number`);
    if (!Object.values(MetricUnit).includes(unit))
      throw new RangeError(`Invalid metric unit '${unit}', expected either option: ${Object.values(MetricUnit).join(",")}`);
    if (!Object.values(MetricResolution).includes(resolution))
      throw new RangeError(`Invalid metric resolution '${resolution}', expected either option: ${Object.values(MetricResolution).join(",")}`);
    if (this.#metricsStore.getMetricsCount() >= MAX_METRICS_SIZE) {
      this.publishStoredMetrics();
    }
    const storedMetric = this.#metricsStore.setMetric(name, unit, value, resolution);
    if (Array.isArray(storedMetric.value) && storedMetric.value.length === MAX_METRIC_VALUES_SIZE) {
      this.publishStoredMetrics();
    }
  }
  /**
   * Validates a given timestamp based on CloudWatch Timestamp guidelines.
   *
   * Timestamp must meet CloudWatch requirements.
   * The time stamp can be up to two weeks in the past and up to two hours into the future.
   * See [Timestamps](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#about_timestamp)
   * for valid values.
   *
   * @param timestamp - Date object or epoch time in milliseconds representing the timestamp to validate.
   */
  #validateEmfTimestamp(timestamp) {
    const isDate = timestamp instanceof Date;
    if (!isDate && !isIntegerNumber2(timestamp)) {
      return false;
    }
    const timestampMs = isDate ? timestamp.getTime() : timestamp;
    const currentTime = Date.now();
    const minValidTimestamp = currentTime - EMF_MAX_TIMESTAMP_PAST_AGE;
    const maxValidTimestamp = currentTime + EMF_MAX_TIMESTAMP_FUTURE_AGE;
    return timestampMs >= minValidTimestamp && timestampMs <= maxValidTimestamp;
  }
  /**
   * Sanitizes the dimensions by removing invalid entries and skipping duplicates.
   *
   * @param dimensions - The dimensions to sanitize.
   */
  #sanitizeDimensions(dimensions) {
    const newDimensions = {};
    const currentDimensions = this.#dimensionsStore.getDimensions();
    for (const [key, value] of Object.entries(dimensions)) {
      if (isStringUndefinedNullEmpty2(key) || isStringUndefinedNullEmpty2(value)) {
        this.#logger.warn(`The dimension ${key} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`);
        continue;
      }
      const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
      if (Object.hasOwn(currentDimensions, key) || Object.hasOwn(defaultDimensions, key) || Object.hasOwn(newDimensions, key)) {
        this.#logger.warn(`Dimension "${key}" has already been added. The previous value will be overwritten.`);
      }
      newDimensions[key] = value;
    }
    return newDimensions;
  }
};

// node_modules/@aws-lambda-powertools/metrics/lib/esm/middleware/middy.js
var logMetrics = /* @__PURE__ */ __name((target, options = {}) => {
  const metricsInstances = Array.isArray(target) ? target : [target];
  const setCleanupFunction = /* @__PURE__ */ __name((request) => {
    request.internal = {
      ...request.internal,
      [METRICS_KEY2]: logMetricsAfterOrError
    };
  }, "setCleanupFunction");
  const logMetricsBefore = /* @__PURE__ */ __name((request) => {
    for (const metrics of metricsInstances) {
      const { throwOnEmptyMetrics, defaultDimensions, captureColdStartMetric } = options;
      if (throwOnEmptyMetrics) {
        metrics.setThrowOnEmptyMetrics(throwOnEmptyMetrics);
      }
      if (defaultDimensions !== void 0) {
        metrics.setDefaultDimensions(defaultDimensions);
      }
      if (captureColdStartMetric) {
        metrics.captureColdStartMetric(request.context.functionName);
      }
    }
    setCleanupFunction(request);
  }, "logMetricsBefore");
  const logMetricsAfterOrError = /* @__PURE__ */ __name(() => {
    for (const metrics of metricsInstances) {
      metrics.publishStoredMetrics();
    }
  }, "logMetricsAfterOrError");
  return {
    before: logMetricsBefore,
    after: logMetricsAfterOrError,
    onError: logMetricsAfterOrError
  };
}, "logMetrics");

// node_modules/@middy/core/index.js
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ReadableStream } from "node:stream/web";
import { setTimeout as setTimeout2 } from "node:timers";
var defaultLambdaHandler = /* @__PURE__ */ __name(() => {
}, "defaultLambdaHandler");
var defaultPluginConfig = {
  timeoutEarlyInMillis: 5,
  timeoutEarlyResponse: /* @__PURE__ */ __name(() => {
    const err = new Error("[AbortError]: The operation was aborted.", {
      cause: { package: "@middy/core" }
    });
    err.name = "TimeoutError";
    throw err;
  }, "timeoutEarlyResponse"),
  streamifyResponse: false
  // Deprecate need for this when AWS provides a flag for when it's looking for it
};
var middy = /* @__PURE__ */ __name((setupLambdaHandler, pluginConfig) => {
  let lambdaHandler;
  let plugin;
  if (typeof setupLambdaHandler === "function") {
    lambdaHandler = setupLambdaHandler;
    plugin = { ...defaultPluginConfig, ...pluginConfig };
  } else {
    lambdaHandler = defaultLambdaHandler;
    plugin = { ...defaultPluginConfig, ...setupLambdaHandler };
  }
  plugin.timeoutEarly = plugin.timeoutEarlyInMillis > 0;
  plugin.beforePrefetch?.();
  const beforeMiddlewares = [];
  const afterMiddlewares = [];
  const onErrorMiddlewares = [];
  const middyRequest = /* @__PURE__ */ __name((event = {}, context = {}) => {
    return {
      event,
      context,
      response: void 0,
      error: void 0,
      internal: plugin.internal ?? {}
    };
  }, "middyRequest");
  const middy2 = plugin.streamifyResponse ? awslambda.streamifyResponse(
    async (event, lambdaResponseStream, context) => {
      const request = middyRequest(event, context);
      plugin.requestStart?.(request);
      const handlerResponse = await runRequest(
        request,
        beforeMiddlewares,
        lambdaHandler,
        afterMiddlewares,
        onErrorMiddlewares,
        plugin
      );
      let responseStream = lambdaResponseStream;
      let handlerBody = handlerResponse;
      if (handlerResponse.statusCode) {
        const { body, ...restResponse } = handlerResponse;
        handlerBody = body ?? "";
        responseStream = awslambda.HttpResponseStream.from(
          responseStream,
          restResponse
        );
      }
      let handlerStream;
      if (handlerBody._readableState || handlerBody instanceof ReadableStream) {
        handlerStream = handlerBody;
      } else if (typeof handlerBody === "string") {
        handlerStream = Readable.from(
          handlerBody.length < stringIteratorSize ? handlerBody : stringIterator(handlerBody)
        );
      }
      if (!handlerStream) {
        throw new Error("handler response not a ReadableStream");
      }
      await pipeline(handlerStream, responseStream);
      await plugin.requestEnd?.(request);
    }
  ) : async (event, context) => {
    const request = middyRequest(event, context);
    plugin.requestStart?.(request);
    const response = await runRequest(
      request,
      beforeMiddlewares,
      lambdaHandler,
      afterMiddlewares,
      onErrorMiddlewares,
      plugin
    );
    await plugin.requestEnd?.(request);
    return response;
  };
  middy2.use = (inputMiddleware) => {
    const middlewares = Array.isArray(inputMiddleware) ? inputMiddleware : [inputMiddleware];
    for (const middleware of middlewares) {
      const { before, after, onError } = middleware;
      if (before || after || onError) {
        if (before) middy2.before(before);
        if (after) middy2.after(after);
        if (onError) middy2.onError(onError);
      } else {
        throw new Error(
          'Middleware must be an object containing at least one key among "before", "after", "onError"'
        );
      }
    }
    return middy2;
  };
  middy2.before = (beforeMiddleware) => {
    beforeMiddlewares.push(beforeMiddleware);
    return middy2;
  };
  middy2.after = (afterMiddleware) => {
    afterMiddlewares.unshift(afterMiddleware);
    return middy2;
  };
  middy2.onError = (onErrorMiddleware) => {
    onErrorMiddlewares.unshift(onErrorMiddleware);
    return middy2;
  };
  middy2.handler = (replaceLambdaHandler) => {
    lambdaHandler = replaceLambdaHandler;
    return middy2;
  };
  return middy2;
}, "middy");
var stringIteratorSize = 16384;
function* stringIterator(input) {
  let position = 0;
  const length = input.length;
  while (position < length) {
    yield input.substring(position, position + stringIteratorSize);
    position += stringIteratorSize;
  }
}
__name(stringIterator, "stringIterator");
var handlerAbort = new AbortController();
var runRequest = /* @__PURE__ */ __name(async (request, beforeMiddlewares, lambdaHandler, afterMiddlewares, onErrorMiddlewares, plugin) => {
  let timeoutID;
  const timeoutEarly = plugin.timeoutEarly && request.context.getRemainingTimeInMillis;
  try {
    await runMiddlewares(request, beforeMiddlewares, plugin);
    if (!Object.hasOwn(request, "earlyResponse")) {
      plugin.beforeHandler?.();
      if (handlerAbort.signal.aborted) {
        handlerAbort = new AbortController();
      }
      const promises = [
        lambdaHandler(request.event, request.context, {
          signal: handlerAbort.signal
        })
      ];
      if (timeoutEarly) {
        let timeoutResolve;
        const timeoutPromise = new Promise((resolve, reject) => {
          timeoutResolve = /* @__PURE__ */ __name(() => {
            handlerAbort.abort();
            try {
              resolve(plugin.timeoutEarlyResponse());
            } catch (e) {
              reject(e);
            }
          }, "timeoutResolve");
        });
        timeoutID = setTimeout2(
          timeoutResolve,
          request.context.getRemainingTimeInMillis() - plugin.timeoutEarlyInMillis
        );
        promises.push(timeoutPromise);
      }
      request.response = await Promise.race(promises);
      if (timeoutID) {
        clearTimeout(timeoutID);
      }
      plugin.afterHandler?.();
      await runMiddlewares(request, afterMiddlewares, plugin);
    }
  } catch (e) {
    if (timeoutID) {
      clearTimeout(timeoutID);
    }
    request.response = void 0;
    request.error = e;
    try {
      await runMiddlewares(request, onErrorMiddlewares, plugin);
    } catch (e2) {
      e2.originalError = request.error;
      request.error = e2;
      throw request.error;
    }
    if (typeof request.response === "undefined") throw request.error;
  }
  return request.response;
}, "runRequest");
var runMiddlewares = /* @__PURE__ */ __name(async (request, middlewares, plugin) => {
  for (const nextMiddleware of middlewares) {
    plugin.beforeMiddleware?.(nextMiddleware.name);
    const res = await nextMiddleware(request);
    plugin.afterMiddleware?.(nextMiddleware.name);
    if (typeof res !== "undefined") {
      request.earlyResponse = res;
    }
    if (Object.hasOwn(request, "earlyResponse")) {
      request.response = request.earlyResponse;
      return;
    }
  }
}, "runMiddlewares");
var core_default = middy;

// node_modules/zod/v4/core/util.js
var util_exports = {};
__export(util_exports, {
  BIGINT_FORMAT_RANGES: () => BIGINT_FORMAT_RANGES,
  CONSTANT_CATCH: () => CONSTANT_CATCH,
  Class: () => Class,
  NUMBER_FORMAT_RANGES: () => NUMBER_FORMAT_RANGES,
  aborted: () => aborted,
  allowsEval: () => allowsEval,
  assert: () => assert,
  assertEqual: () => assertEqual,
  assertIs: () => assertIs,
  assertNever: () => assertNever,
  assertNotEqual: () => assertNotEqual,
  assignProp: () => assignProp,
  attachSchema: () => attachSchema,
  base64ToUint8Array: () => base64ToUint8Array,
  base64urlToUint8Array: () => base64urlToUint8Array,
  cached: () => cached,
  captureStackTrace: () => captureStackTrace,
  cleanEnum: () => cleanEnum,
  cleanRegex: () => cleanRegex,
  clone: () => clone,
  cloneDef: () => cloneDef,
  codePointLength: () => codePointLength,
  constantCatch: () => constantCatch,
  createTransparentProxy: () => createTransparentProxy,
  defineLazy: () => defineLazy,
  defineLazyInternal: () => defineLazyInternal,
  derived: () => derived,
  esc: () => esc,
  escapeRegex: () => escapeRegex,
  explicitlyAborted: () => explicitlyAborted,
  extend: () => extend,
  finalizeIssue: () => finalizeIssue,
  floatSafeRemainder: () => floatSafeRemainder,
  getElementAtPath: () => getElementAtPath,
  getEnumValues: () => getEnumValues,
  getLengthableOrigin: () => getLengthableOrigin,
  getParsedType: () => getParsedType,
  getSizableOrigin: () => getSizableOrigin,
  hexToUint8Array: () => hexToUint8Array,
  hide: () => hide,
  installLazyProp: () => installLazyProp,
  isObject: () => isObject,
  isPlainObject: () => isPlainObject2,
  issue: () => issue,
  joinValues: () => joinValues,
  jsonStringifyReplacer: () => jsonStringifyReplacer,
  members: () => members,
  merge: () => merge,
  mergeDefs: () => mergeDefs,
  normalizeParams: () => normalizeParams,
  nullish: () => nullish,
  numKeys: () => numKeys,
  objectClone: () => objectClone,
  omit: () => omit,
  optionalKeys: () => optionalKeys,
  own: () => own,
  parsedType: () => parsedType,
  partial: () => partial,
  pick: () => pick,
  prefixIssues: () => prefixIssues,
  primitiveTypes: () => primitiveTypes,
  promiseAllObject: () => promiseAllObject,
  propertyKeyTypes: () => propertyKeyTypes,
  randomString: () => randomString,
  rawShape: () => rawShape,
  required: () => required,
  safeExtend: () => safeExtend,
  shallowClone: () => shallowClone,
  sizeCaps: () => sizeCaps,
  slugify: () => slugify,
  stringifyPrimitive: () => stringifyPrimitive,
  toZod: () => toZod,
  uint8ArrayToBase64: () => uint8ArrayToBase64,
  uint8ArrayToBase64url: () => uint8ArrayToBase64url,
  uint8ArrayToHex: () => uint8ArrayToHex,
  unwrapMessage: () => unwrapMessage
});
function assertEqual(val) {
  return val;
}
__name(assertEqual, "assertEqual");
function assertNotEqual(val) {
  return val;
}
__name(assertNotEqual, "assertNotEqual");
function toZod() {
  return (schema) => schema;
}
__name(toZod, "toZod");
function assertIs(_arg) {
}
__name(assertIs, "assertIs");
function assertNever(_x) {
  throw new Error("Unexpected value in exhaustive check");
}
__name(assertNever, "assertNever");
function assert(_) {
}
__name(assert, "assert");
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
__name(getEnumValues, "getEnumValues");
function joinValues(array2, separator = "|") {
  return array2.map((val) => stringifyPrimitive(val)).join(separator);
}
__name(joinValues, "joinValues");
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
__name(jsonStringifyReplacer, "jsonStringifyReplacer");
var Cached = class {
  static {
    __name(this, "Cached");
  }
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
__name(cached, "cached");
function nullish(input) {
  return input === null || input === void 0;
}
__name(nullish, "nullish");
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
__name(cleanRegex, "cleanRegex");
function floatSafeRemainder(val, step) {
  const ratio = val / step;
  const roundedRatio = Math.round(ratio);
  const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
  if (Math.abs(ratio - roundedRatio) < tolerance)
    return 0;
  return ratio - roundedRatio;
}
__name(floatSafeRemainder, "floatSafeRemainder");
var EVALUATING = /* @__PURE__ */ Symbol("evaluating");
function defineLazy(object2, key, getter) {
  let value = void 0;
  Object.defineProperty(object2, key, {
    get() {
      if (value === EVALUATING) {
        return void 0;
      }
      if (value === void 0) {
        value = EVALUATING;
        value = getter();
      }
      return value;
    },
    set(v) {
      Object.defineProperty(object2, key, {
        value: v
        // configurable: true,
      });
    },
    configurable: true
  });
}
__name(defineLazy, "defineLazy");
function objectClone(obj) {
  return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
__name(objectClone, "objectClone");
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
__name(assignProp, "assignProp");
function rawShape(def) {
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  return desc?.get ? desc.get.raw : desc?.value;
}
__name(rawShape, "rawShape");
function sourceShape(schema) {
  return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
__name(sourceShape, "sourceShape");
function deferProp(target, key, getter) {
  Object.defineProperty(target, key, {
    get() {
      const value = getter();
      assignProp(this, key, value);
      return value;
    },
    enumerable: true,
    configurable: true
  });
}
__name(deferProp, "deferProp");
function putProp(target, key, value) {
  if (key in target)
    assignProp(target, key, value);
  else
    target[key] = value;
}
__name(putProp, "putProp");
function mirrorShape(target, source, keys, wrap) {
  const raw = sourceShape(source);
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(raw, key);
    if (!desc.enumerable)
      continue;
    if (desc.get) {
      deferProp(target, key, () => {
        const value = source._zod.def.shape[key];
        return wrap ? wrap(value, key) : value;
      });
    } else
      putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
  }
}
__name(mirrorShape, "mirrorShape");
function mirrorProps(target, source) {
  for (const key of Reflect.ownKeys(source)) {
    const desc = Object.getOwnPropertyDescriptor(source, key);
    if (!desc.enumerable)
      continue;
    if (desc.get)
      deferProp(target, key, () => source[key]);
    else
      putProp(target, key, desc.value);
  }
}
__name(mirrorProps, "mirrorProps");
function mergeDefs(...defs) {
  const mergedDescriptors = {};
  for (const def of defs) {
    const descriptors = Object.getOwnPropertyDescriptors(def);
    Object.assign(mergedDescriptors, descriptors);
  }
  return Object.defineProperties({}, mergedDescriptors);
}
__name(mergeDefs, "mergeDefs");
function cloneDef(schema) {
  return mergeDefs(schema._zod.def);
}
__name(cloneDef, "cloneDef");
function getElementAtPath(obj, path) {
  if (!path)
    return obj;
  return path.reduce((acc, key) => acc?.[key], obj);
}
__name(getElementAtPath, "getElementAtPath");
function promiseAllObject(promisesObj) {
  const keys = Object.keys(promisesObj);
  const promises = keys.map((key) => promisesObj[key]);
  return Promise.all(promises).then((results) => {
    const resolvedObj = {};
    for (let i = 0; i < keys.length; i++) {
      resolvedObj[keys[i]] = results[i];
    }
    return resolvedObj;
  });
}
__name(promiseAllObject, "promiseAllObject");
function randomString(length = 10) {
  const chars = "abcdefghijklmnopqrstuvwxyz";
  let str2 = "";
  for (let i = 0; i < length; i++) {
    str2 += chars[Math.floor(Math.random() * chars.length)];
  }
  return str2;
}
__name(randomString, "randomString");
function esc(str2) {
  return JSON.stringify(str2);
}
__name(esc, "esc");
function slugify(input) {
  return input.toLowerCase().trim().replace(/[^\w\s-]/g, "").replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "");
}
__name(slugify, "slugify");
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
__name(isObject, "isObject");
var allowsEval = /* @__PURE__ */ cached(() => {
  if (globalConfig.jitless) {
    return false;
  }
  if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
    return false;
  }
  try {
    const F = Function;
    new F("");
    return true;
  } catch (_) {
    return false;
  }
});
function isPlainObject2(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
__name(isPlainObject2, "isPlainObject");
function shallowClone(o) {
  if (isPlainObject2(o))
    return { ...o };
  if (Array.isArray(o))
    return [...o];
  if (o instanceof Map)
    return new Map(o);
  if (o instanceof Set)
    return new Set(o);
  return o;
}
__name(shallowClone, "shallowClone");
function numKeys(data) {
  let keyCount = 0;
  for (const key in data) {
    if (Object.prototype.hasOwnProperty.call(data, key)) {
      keyCount++;
    }
  }
  return keyCount;
}
__name(numKeys, "numKeys");
var getParsedType = /* @__PURE__ */ __name((data) => {
  const t = typeof data;
  switch (t) {
    case "undefined":
      return "undefined";
    case "string":
      return "string";
    case "number":
      return Number.isNaN(data) ? "nan" : "number";
    case "boolean":
      return "boolean";
    case "function":
      return "function";
    case "bigint":
      return "bigint";
    case "symbol":
      return "symbol";
    case "object":
      if (Array.isArray(data)) {
        return "array";
      }
      if (data === null) {
        return "null";
      }
      if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
        return "promise";
      }
      if (typeof Map !== "undefined" && data instanceof Map) {
        return "map";
      }
      if (typeof Set !== "undefined" && data instanceof Set) {
        return "set";
      }
      if (typeof Date !== "undefined" && data instanceof Date) {
        return "date";
      }
      if (typeof File !== "undefined" && data instanceof File) {
        return "file";
      }
      return "object";
    default:
      throw new Error(`Unknown data type: ${t}`);
  }
}, "getParsedType");
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
var primitiveTypes = /* @__PURE__ */ new Set([
  "string",
  "number",
  "bigint",
  "boolean",
  "symbol",
  "undefined"
]);
function escapeRegex(str2) {
  return str2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
__name(escapeRegex, "escapeRegex");
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
__name(clone, "clone");
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: /* @__PURE__ */ __name(() => params, "error") };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: /* @__PURE__ */ __name(() => params.error, "error") };
  return params;
}
__name(normalizeParams, "normalizeParams");
function createTransparentProxy(getter) {
  let target;
  return new Proxy({}, {
    get(_, prop, receiver) {
      target ?? (target = getter());
      return Reflect.get(target, prop, receiver);
    },
    set(_, prop, value, receiver) {
      target ?? (target = getter());
      return Reflect.set(target, prop, value, receiver);
    },
    has(_, prop) {
      target ?? (target = getter());
      return Reflect.has(target, prop);
    },
    deleteProperty(_, prop) {
      target ?? (target = getter());
      return Reflect.deleteProperty(target, prop);
    },
    ownKeys(_) {
      target ?? (target = getter());
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(_, prop) {
      target ?? (target = getter());
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
    defineProperty(_, prop, descriptor) {
      target ?? (target = getter());
      return Reflect.defineProperty(target, prop, descriptor);
    }
  });
}
__name(createTransparentProxy, "createTransparentProxy");
function stringifyPrimitive(value) {
  if (typeof value === "bigint")
    return value.toString() + "n";
  if (typeof value === "string")
    return `"${value}"`;
  return `${value}`;
}
__name(stringifyPrimitive, "stringifyPrimitive");
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
__name(optionalKeys, "optionalKeys");
var NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-34028234663852886e22, 34028234663852886e22],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
var BIGINT_FORMAT_RANGES = {
  int64: [/* @__PURE__ */ BigInt("-9223372036854775808"), /* @__PURE__ */ BigInt("9223372036854775807")],
  uint64: [/* @__PURE__ */ BigInt(0), /* @__PURE__ */ BigInt("18446744073709551615")]
};
function pick(schema, mask) {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(".pick() cannot be used on object schemas containing refinements");
  }
  const newShape = {};
  mirrorShape(newShape, schema, maskedKeys(schema, mask));
  return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
__name(pick, "pick");
function maskedKeys(schema, mask) {
  const raw = sourceShape(schema);
  const keys = [];
  for (const key of Reflect.ownKeys(mask)) {
    if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
      throw new Error(`Unrecognized key: "${String(key)}"`);
    }
    if (mask[key])
      keys.push(key);
  }
  return keys;
}
__name(maskedKeys, "maskedKeys");
function omit(schema, mask) {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(".omit() cannot be used on object schemas containing refinements");
  }
  const omitted = new Set(maskedKeys(schema, mask));
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
  return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
__name(omit, "omit");
function extend(schema, shape) {
  if (!isPlainObject2(shape)) {
    throw new Error("Invalid input to extend: expected a plain object");
  }
  const checks = schema._zod.def.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    const existingShape = sourceShape(schema);
    for (const key of Reflect.ownKeys(shape)) {
      if (Object.getOwnPropertyDescriptor(existingShape, key) !== void 0) {
        throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
      }
    }
  }
  return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
__name(extend, "extend");
function extended(schema, shape) {
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
  mirrorProps(newShape, shape);
  return newShape;
}
__name(extended, "extended");
function safeExtend(schema, shape) {
  if (!isPlainObject2(shape)) {
    throw new Error("Invalid input to safeExtend: expected a plain object");
  }
  return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
__name(safeExtend, "safeExtend");
function merge(a, b) {
  if (!b?._zod?.def) {
    throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
  }
  if (a._zod.def.checks?.length) {
    throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
  }
  const newShape = {};
  mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
  mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
  const def = mergeDefs(a._zod.def, {
    shape: newShape,
    get catchall() {
      return b._zod.def.catchall;
    },
    checks: b._zod.def.checks ?? []
  });
  return clone(a, def);
}
__name(merge, "merge");
function partial(Class2, schema, mask, name = "partial") {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
  }
  const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class2 && ((value, key) => selected && !selected.has(key) ? value : new Class2({ type: "optional", innerType: value })));
  return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
__name(partial, "partial");
function required(Class2, schema, mask) {
  const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => (
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class2({ type: "nonoptional", innerType: value })
  ));
  return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
__name(required, "required");
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
__name(aborted, "aborted");
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
__name(explicitlyAborted, "explicitlyAborted");
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a3;
    (_a3 = iss).path ?? (_a3.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
__name(prefixIssues, "prefixIssues");
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
__name(unwrapMessage, "unwrapMessage");
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
__name(sizeCaps, "sizeCaps");
function attachSchema(issues, start, inst) {
  var _a3;
  for (let i = start; i < issues.length; i++) {
    (_a3 = issues[i]).schema ?? (_a3.schema = inst);
  }
}
__name(attachSchema, "attachSchema");
function finalizeIssue(iss, ctx, config2) {
  var _a3;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a3 = iss).schema ?? (_a3.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
__name(finalizeIssue, "finalizeIssue");
function getSizableOrigin(input) {
  if (input instanceof Set)
    return "set";
  if (input instanceof Map)
    return "map";
  if (input instanceof File)
    return "file";
  return "unknown";
}
__name(getSizableOrigin, "getSizableOrigin");
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str2) {
  const units = str2.length;
  if (!highSurrogate.test(str2))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str2.charCodeAt(i) & 64512) === 55296 && (str2.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
__name(codePointLength, "codePointLength");
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
__name(getLengthableOrigin, "getLengthableOrigin");
function parsedType(data) {
  const t = typeof data;
  switch (t) {
    case "number": {
      return Number.isNaN(data) ? "nan" : "number";
    }
    case "object": {
      if (data === null) {
        return "null";
      }
      if (Array.isArray(data)) {
        return "array";
      }
      const obj = data;
      if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
        return obj.constructor.name;
      }
    }
  }
  return t;
}
__name(parsedType, "parsedType");
function issue(...args) {
  const [iss, input, inst] = args;
  if (typeof iss === "string") {
    return {
      message: iss,
      code: "custom",
      input,
      inst
    };
  }
  return { ...iss };
}
__name(issue, "issue");
function cleanEnum(obj) {
  return Object.entries(obj).filter(([k, _]) => {
    return Number.isNaN(Number.parseInt(k, 10));
  }).map((el) => el[1]);
}
__name(cleanEnum, "cleanEnum");
function base64ToUint8Array(base642) {
  const binaryString = atob(base642);
  const bytes = new Uint8Array(binaryString.length);
  for (let i = 0; i < binaryString.length; i++) {
    bytes[i] = binaryString.charCodeAt(i);
  }
  return bytes;
}
__name(base64ToUint8Array, "base64ToUint8Array");
function uint8ArrayToBase64(bytes) {
  let binaryString = "";
  for (let i = 0; i < bytes.length; i++) {
    binaryString += String.fromCharCode(bytes[i]);
  }
  return btoa(binaryString);
}
__name(uint8ArrayToBase64, "uint8ArrayToBase64");
function base64urlToUint8Array(base64url2) {
  const base642 = base64url2.replace(/-/g, "+").replace(/_/g, "/");
  const padding = "=".repeat((4 - base642.length % 4) % 4);
  return base64ToUint8Array(base642 + padding);
}
__name(base64urlToUint8Array, "base64urlToUint8Array");
function uint8ArrayToBase64url(bytes) {
  return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
__name(uint8ArrayToBase64url, "uint8ArrayToBase64url");
function hexToUint8Array(hex) {
  const cleanHex = hex.replace(/^0x/, "");
  if (cleanHex.length % 2 !== 0) {
    throw new Error("Invalid hex string length");
  }
  const bytes = new Uint8Array(cleanHex.length / 2);
  for (let i = 0; i < cleanHex.length; i += 2) {
    bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
  }
  return bytes;
}
__name(hexToUint8Array, "hexToUint8Array");
function uint8ArrayToHex(bytes) {
  return Array.from(bytes).map((b) => b.toString(16).padStart(2, "0")).join("");
}
__name(uint8ArrayToHex, "uint8ArrayToHex");
var Class = class {
  static {
    __name(this, "Class");
  }
  constructor(..._args) {
  }
};
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
__name(members, "members");
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
__name(own, "own");
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
__name(hide, "hide");
// @__NO_SIDE_EFFECTS__
function derived(computes, table) {
  for (const key in computes) {
    const compute = computes[key];
    Object.defineProperty(table, key, {
      configurable: true,
      enumerable: true,
      get() {
        return own(this, key, compute(this));
      },
      set(value) {
        own(this, key, value);
      }
    });
  }
  return table;
}
__name(derived, "derived");
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
__name(defineBound, "defineBound");
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
__name(claim, "claim");
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
__name(defineLazyInternal, "defineLazyInternal");
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}
__name(installLazyProp, "installLazyProp");
var CONSTANT_CATCH = "~constantCatch";
function constantCatch(value) {
  const fn = /* @__PURE__ */ __name(() => value, "fn");
  fn[CONSTANT_CATCH] = true;
  return fn;
}
__name(constantCatch, "constantCatch");

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
__name(newError, "newError");
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer3, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  __name(Internals, "Internals");
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer3(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  __name(init, "init");
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
    static {
      __name(this, "Definition");
    }
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  __name(_, "_");
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: /* @__PURE__ */ __name((inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }, "value")
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
__name($constructor, "$constructor");
var $ZodAsyncError = class extends Error {
  static {
    __name(this, "$ZodAsyncError");
  }
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
var $ZodEncodeError = class extends Error {
  static {
    __name(this, "$ZodEncodeError");
  }
  constructor(name) {
    super(`Encountered unidirectional transform during encode: ${name}`);
    this.name = "ZodEncodeError";
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}
__name(config, "config");

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
__name(_getMessage, "_getMessage");
function _setMessage(value) {
  this._zod.message = value;
}
__name(_setMessage, "_setMessage");
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = /* @__PURE__ */ __name((inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = /* @__PURE__ */ __name(() => this.message, "value");
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
}, "initializer");
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});
function node(obj, key, make) {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) {
    if (key === "__proto__") {
      Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
    } else {
      obj[key] = make();
    }
  }
  return obj[key];
}
__name(node, "node");
function flattenError(error2, mapper = (issue2) => issue2.message) {
  const fieldErrors = {};
  const formErrors = [];
  for (const sub of error2.issues) {
    if (sub.path.length > 0) {
      node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
    } else {
      formErrors.push(mapper(sub));
    }
  }
  return { formErrors, fieldErrors };
}
__name(flattenError, "flattenError");
function formatError(error2, mapper = (issue2) => issue2.message) {
  const fieldErrors = { _errors: [] };
  const processError = /* @__PURE__ */ __name((error3, path = []) => {
    for (const issue2 of error3.issues) {
      if (issue2.code === "invalid_union" && issue2.errors.length) {
        issue2.errors.map((issues) => processError({ issues }, [...path, ...issue2.path]));
      } else if (issue2.code === "invalid_key") {
        processError({ issues: issue2.issues }, [...path, ...issue2.path]);
      } else if (issue2.code === "invalid_element") {
        processError({ issues: issue2.issues }, [...path, ...issue2.path]);
      } else {
        const fullpath = [...path, ...issue2.path];
        if (fullpath.length === 0) {
          fieldErrors._errors.push(mapper(issue2));
        } else {
          let curr = fieldErrors;
          let i = 0;
          while (i < fullpath.length) {
            const el = fullpath[i];
            const terminal = i === fullpath.length - 1;
            if (el === "_errors") {
              if (terminal)
                curr._errors.push(mapper(issue2));
              i++;
              continue;
            }
            if (!Object.prototype.hasOwnProperty.call(curr, el)) {
              Object.defineProperty(curr, el, {
                value: { _errors: [] },
                enumerable: true,
                writable: true,
                configurable: true
              });
            }
            const node2 = curr[el];
            if (terminal) {
              node2._errors.push(mapper(issue2));
            }
            curr = node2;
            i++;
          }
        }
      }
    }
  }, "processError");
  processError(error2);
  return fieldErrors;
}
__name(formatError, "formatError");

// node_modules/zod/v4/core/parse.js
function finalizeParams(callee, params) {
  return { callee: params?.callee ?? callee, Err: params?.Err };
}
__name(finalizeParams, "finalizeParams");
var _parse = /* @__PURE__ */ __name((_Err) => {
  const fn = /* @__PURE__ */ __name((schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  }, "fn");
  return fn;
}, "_parse");
var _parseAsync = /* @__PURE__ */ __name((_Err) => {
  const fn = /* @__PURE__ */ __name(async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  }, "fn");
  return fn;
}, "_parseAsync");
var _safeParse = /* @__PURE__ */ __name((_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
}, "_safeParse");
function failure(Err, issues, ctx) {
  let error2;
  return {
    success: false,
    get error() {
      if (!error2) {
        error2 = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error2;
    },
    set error(e) {
      error2 = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
__name(failure, "failure");
var _safeParseAsync = /* @__PURE__ */ __name((_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
}, "_safeParseAsync");
var COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
var COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
var validate = /* @__PURE__ */ __name(((schema, value, _ctx) => {
  const validator = schema._zod.bag.validator;
  if (validator !== void 0) {
    if (validator(value) !== COMPILE_INVALID)
      return true;
    if (validator.definite === true && _ctx === void 0)
      return false;
  }
  return validateFallback(schema, value, _ctx);
}), "validate");
function validateFallback(schema, value, _ctx) {
  const ctx = _ctx ? { ..._ctx, async: false, abortEarly: true } : { async: false, abortEarly: true };
  const fallbackRun = schema._zod.bag.fallbackRun;
  let result;
  if (fallbackRun) {
    ctx[COMPILE_FALLBACK] = true;
    result = fallbackRun({ value, issues: [] }, ctx);
  } else {
    result = schema._zod.run({ value, issues: [] }, ctx);
  }
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length === 0;
}
__name(validateFallback, "validateFallback");
var validateAsync = /* @__PURE__ */ __name(async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true, abortEarly: true } : { async: true, abortEarly: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length === 0;
}, "validateAsync");
var _encode = /* @__PURE__ */ __name((_Err) => {
  const parse2 = _parse(_Err);
  const fn = /* @__PURE__ */ __name((schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return parse2(schema, value, ctx, finalizeParams(fn, _params));
  }, "fn");
  return fn;
}, "_encode");
var _decode = /* @__PURE__ */ __name((_Err) => {
  const parse2 = _parse(_Err);
  const fn = /* @__PURE__ */ __name((schema, value, _ctx, _params) => {
    return parse2(schema, value, _ctx, finalizeParams(fn, _params));
  }, "fn");
  return fn;
}, "_decode");
var _encodeAsync = /* @__PURE__ */ __name((_Err) => {
  const parseAsync2 = _parseAsync(_Err);
  const fn = /* @__PURE__ */ __name(async (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return await parseAsync2(schema, value, ctx, finalizeParams(fn, _params));
  }, "fn");
  return fn;
}, "_encodeAsync");
var _decodeAsync = /* @__PURE__ */ __name((_Err) => {
  const parseAsync2 = _parseAsync(_Err);
  const fn = /* @__PURE__ */ __name(async (schema, value, _ctx, _params) => {
    return await parseAsync2(schema, value, _ctx, finalizeParams(fn, _params));
  }, "fn");
  return fn;
}, "_decodeAsync");
var _safeEncode = /* @__PURE__ */ __name((_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
  return _safeParse(_Err)(schema, value, ctx);
}, "_safeEncode");
var _safeDecode = /* @__PURE__ */ __name((_Err) => (schema, value, _ctx) => {
  return _safeParse(_Err)(schema, value, _ctx);
}, "_safeDecode");
var _safeEncodeAsync = /* @__PURE__ */ __name((_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
  return _safeParseAsync(_Err)(schema, value, ctx);
}, "_safeEncodeAsync");
var _safeDecodeAsync = /* @__PURE__ */ __name((_Err) => async (schema, value, _ctx) => {
  return _safeParseAsync(_Err)(schema, value, _ctx);
}, "_safeDecodeAsync");

// node_modules/zod/v4/core/regexes.js
var cuid = /^[cC][0-9a-z]{6,}$/;
var cuid2 = /^[0-9a-z]+$/;
var ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
var xid = /^[0-9a-vA-V]{20}$/;
var ksuid = /^[A-Za-z0-9]{27}$/;
var nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
  return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
__name(nanoidOfLength, "nanoidOfLength");
var duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
var guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
var uuid = /* @__PURE__ */ __name((version2) => {
  if (!version2)
    return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
  return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version2}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
}, "uuid");
var email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
var _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
  return new RegExp(_emoji, "u");
}
__name(emoji, "emoji");
var ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
var ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
var cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
var cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
var base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
var base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
var httpProtocol = /^https?$/;
var e164 = /^\+[1-9]\d{6,14}$/;
var dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
function anchor(source) {
  return new RegExp(`^${source}$`);
}
__name(anchor, "anchor");
var date = /* @__PURE__ */ anchor(dateSource);
function timeSource(args) {
  const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
  const regex = typeof args.precision === "number" ? args.precision === -1 ? `${hhmm}` : args.precision === 0 ? `${hhmm}:[0-5]\\d` : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}` : args.seconds ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?` : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
  return regex;
}
__name(timeSource, "timeSource");
function time(args) {
  return new RegExp(`^${timeSource(args)}$`);
}
__name(time, "time");
function datetime(args) {
  const opts = ["Z"];
  if (args.offset)
    opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
  const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
  const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
  return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
__name(datetime, "datetime");
var anyString = /^[\s\S]{0,}$/;
var integer = /^-?\d+$/;
var number = /^-?\d+(?:\.\d+)?$/;
var boolean = /^(?:true|false)$/i;
var _null = /^null$/i;
var lowercase = /^[^A-Z]*$/;
var uppercase = /^[^a-z]*$/;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a3;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a3 = inst._zod).onattach ?? (_a3.onattach = []);
});
var _whenHasLength = /* @__PURE__ */ __name((payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
}, "_whenHasLength");
var numericOriginMap = {
  number: "number",
  bigint: "bigint",
  object: "date"
};
var $ZodCheckLessThan = /* @__PURE__ */ $constructor("$ZodCheckLessThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_big",
      maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckGreaterThan = /* @__PURE__ */ $constructor("$ZodCheckGreaterThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_small",
      minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckMultipleOf = /* @__PURE__ */ $constructor("$ZodCheckMultipleOf", (inst, def) => {
  $ZodCheck.init(inst, def);
  inst._zod.check = (payload) => {
    if (typeof payload.value !== typeof def.value)
      throw new Error("Cannot mix number and bigint in multiple_of check.");
    const isMultiple = typeof payload.value === "bigint" ? (
      // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
      def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
    ) : floatSafeRemainder(payload.value, def.value) === 0;
    if (isMultiple)
      return;
    payload.issues.push({
      origin: typeof payload.value,
      code: "not_multiple_of",
      divisor: def.value,
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
  $ZodCheck.init(inst, def);
  def.format = def.format || "float64";
  const isInt = def.format?.includes("int");
  const origin = isInt ? "int" : "number";
  const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
  inst._zod.check = (payload) => {
    const input = payload.value;
    if (isInt) {
      if (!Number.isInteger(input)) {
        payload.issues.push({
          expected: origin,
          format: def.format,
          code: "invalid_type",
          continue: false,
          input,
          inst
        });
        return;
      }
      if (!Number.isSafeInteger(input)) {
        if (input > 0) {
          payload.issues.push({
            input,
            code: "too_big",
            maximum: Number.MAX_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        } else {
          payload.issues.push({
            input,
            code: "too_small",
            minimum: Number.MIN_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        }
        return;
      }
    }
    if (input < minimum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_small",
        minimum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
    if (input > maximum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_big",
        maximum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCheckMaxLength = /* @__PURE__ */ $constructor("$ZodCheckMaxLength", (inst, def) => {
  var _a3;
  $ZodCheck.init(inst, def);
  (_a3 = inst._zod.def).when ?? (_a3.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
    if (length <= def.maximum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_big",
      maximum: def.maximum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a3;
  $ZodCheck.init(inst, def);
  (_a3 = inst._zod.def).when ?? (_a3.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckLengthEquals = /* @__PURE__ */ $constructor("$ZodCheckLengthEquals", (inst, def) => {
  var _a3;
  $ZodCheck.init(inst, def);
  (_a3 = inst._zod.def).when ?? (_a3.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.length && units <= def.length * 2 ? codePointLength(input) : units;
    if (length === def.length)
      return;
    const origin = getLengthableOrigin(input);
    const tooBig = length > def.length;
    payload.issues.push({
      origin,
      ...tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length },
      inclusive: true,
      exact: true,
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStringFormat = /* @__PURE__ */ $constructor("$ZodCheckStringFormat", (inst, def) => {
  var _a3, _b;
  $ZodCheck.init(inst, def);
  if (def.pattern)
    (_a3 = inst._zod).check ?? (_a3.check = (payload) => {
      def.pattern.lastIndex = 0;
      if (def.pattern.test(payload.value))
        return;
      payload.issues.push({
        origin: "string",
        code: "invalid_format",
        format: def.format,
        input: payload.value,
        ...def.pattern ? { pattern: def.pattern.toString() } : {},
        inst,
        continue: !def.abort
      });
    });
  else
    (_b = inst._zod).check ?? (_b.check = () => {
    });
});
var $ZodCheckRegex = /* @__PURE__ */ $constructor("$ZodCheckRegex", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    def.pattern.lastIndex = 0;
    if (def.pattern.test(payload.value))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "regex",
      input: payload.value,
      pattern: def.pattern.toString(),
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckLowerCase = /* @__PURE__ */ $constructor("$ZodCheckLowerCase", (inst, def) => {
  def.pattern ?? (def.pattern = lowercase);
  $ZodCheckStringFormat.init(inst, def);
});
var $ZodCheckUpperCase = /* @__PURE__ */ $constructor("$ZodCheckUpperCase", (inst, def) => {
  def.pattern ?? (def.pattern = uppercase);
  $ZodCheckStringFormat.init(inst, def);
});
var $ZodCheckIncludes = /* @__PURE__ */ $constructor("$ZodCheckIncludes", (inst, def) => {
  $ZodCheck.init(inst, def);
  const escapedRegex = escapeRegex(def.includes);
  const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
  def.pattern = pattern;
  inst._zod.check = (payload) => {
    if (payload.value.includes(def.includes, def.position))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "includes",
      includes: def.includes,
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStartsWith = /* @__PURE__ */ $constructor("$ZodCheckStartsWith", (inst, def) => {
  $ZodCheck.init(inst, def);
  const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
  def.pattern ?? (def.pattern = pattern);
  inst._zod.check = (payload) => {
    if (payload.value.startsWith(def.prefix))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "starts_with",
      prefix: def.prefix,
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckEndsWith = /* @__PURE__ */ $constructor("$ZodCheckEndsWith", (inst, def) => {
  $ZodCheck.init(inst, def);
  const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
  def.pattern ?? (def.pattern = pattern);
  inst._zod.check = (payload) => {
    if (payload.value.endsWith(def.suffix))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "ends_with",
      suffix: def.suffix,
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckOverwrite = /* @__PURE__ */ $constructor("$ZodCheckOverwrite", (inst, def) => {
  $ZodCheck.init(inst, def);
  inst._zod.check = (payload) => {
    payload.value = def.tx(payload.value);
  };
});

// node_modules/zod/v4/core/doc.js
var Doc = class {
  static {
    __name(this, "Doc");
  }
  constructor(args = [], closed = {}) {
    this.content = [];
    this.indent = 0;
    this.args = args;
    this.closed = closed;
  }
  // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
  indented(fn) {
    this.indent += 1;
    try {
      fn(this);
    } finally {
      this.indent -= 1;
    }
  }
  write(arg) {
    if (typeof arg === "function") {
      arg(this, { execution: "sync" });
      arg(this, { execution: "async" });
      return;
    }
    const content = arg;
    const lines2 = content.split("\n").filter((x) => x);
    const minIndent = Math.min(...lines2.map((x) => x.length - x.trimStart().length));
    const dedented = lines2.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
    for (const line of dedented) {
      this.content.push(line);
    }
  }
  compile() {
    const F = Function;
    const content = this?.content ?? [``];
    const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {
${content.join("\n")}
};`);
    return factory(...Object.values(this.closed));
  }
};

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a3;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a3 = inst._zod).deferred ?? (_a3.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = /* @__PURE__ */ __name((payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    }, "runChecks");
    const handleCanaryResult = /* @__PURE__ */ __name((canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    }, "handleCanaryResult");
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = /* @__PURE__ */ __name((r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value }, "toStandardResult");
async function validateAsync2(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
__name(validateAsync2, "validateAsync");
function standardProps(inst) {
  return {
    validate: /* @__PURE__ */ __name((value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync2(inst, value);
    }, "validate"),
    vendor: "zod",
    version: 1
  };
}
__name(standardProps, "standardProps");
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodStringFormat = /* @__PURE__ */ $constructor("$ZodStringFormat", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  $ZodString.init(inst, def);
});
var $ZodGUID = /* @__PURE__ */ $constructor("$ZodGUID", (inst, def) => {
  def.pattern ?? (def.pattern = guid);
  $ZodStringFormat.init(inst, def);
});
var $ZodUUID = /* @__PURE__ */ $constructor("$ZodUUID", (inst, def) => {
  if (def.version) {
    const versionMap = {
      v1: 1,
      v2: 2,
      v3: 3,
      v4: 4,
      v5: 5,
      v6: 6,
      v7: 7,
      v8: 8
    };
    const v = versionMap[def.version];
    if (v === void 0)
      throw new Error(`Invalid UUID version: "${def.version}"`);
    def.pattern ?? (def.pattern = uuid(v));
  } else
    def.pattern ?? (def.pattern = uuid());
  $ZodStringFormat.init(inst, def);
});
var $ZodEmail = /* @__PURE__ */ $constructor("$ZodEmail", (inst, def) => {
  def.pattern ?? (def.pattern = email);
  $ZodStringFormat.init(inst, def);
});
var URL_BAD_FORMAT = 1;
var URL_UNPARSEABLE = 2;
function canParseURL(input) {
  try {
    if (typeof URL !== "undefined" && typeof URL.canParse === "function")
      return URL.canParse(input);
    new URL(input);
    return true;
  } catch {
    return false;
  }
}
__name(canParseURL, "canParseURL");
function validateURL(trimmed, def) {
  if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
    return canParseURL(trimmed) || URL_UNPARSEABLE;
  }
  return parseURLObject(trimmed, def);
}
__name(validateURL, "validateURL");
function parseURLObject(trimmed, def) {
  if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
    return URL_BAD_FORMAT;
  }
  try {
    if (typeof URL !== "undefined") {
      const URLStatic = URL;
      if (typeof URLStatic.parse === "function")
        return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
    }
    return new URL(trimmed);
  } catch {
    return URL_UNPARSEABLE;
  }
}
__name(parseURLObject, "parseURLObject");
var asciiTabOrNewline = /[\t\n\r]/g;
function stripTabAndNewline(value) {
  return value.replace(asciiTabOrNewline, "");
}
__name(stripTabAndNewline, "stripTabAndNewline");
function urlHostnameOk(url, hostname) {
  hostname.lastIndex = 0;
  return hostname.test(url.hostname);
}
__name(urlHostnameOk, "urlHostnameOk");
function urlProtocolOk(url, protocol) {
  protocol.lastIndex = 0;
  return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
__name(urlProtocolOk, "urlProtocolOk");
var $ZodURL = /* @__PURE__ */ $constructor("$ZodURL", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    try {
      const trimmed = payload.value.trim();
      const url = validateURL(trimmed, def);
      if (url === URL_BAD_FORMAT) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid URL format",
          input: payload.value,
          inst,
          continue: !def.abort
        });
        return;
      }
      if (url === URL_UNPARSEABLE) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          input: payload.value,
          inst,
          continue: !def.abort
        });
        return;
      }
      if (url === true) {
        payload.value = stripTabAndNewline(trimmed);
        return;
      }
      if (def.hostname && !urlHostnameOk(url, def.hostname)) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid hostname",
          pattern: def.hostname.source,
          input: payload.value,
          inst,
          continue: !def.abort
        });
      }
      if (def.protocol && !urlProtocolOk(url, def.protocol)) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid protocol",
          pattern: def.protocol.source,
          input: payload.value,
          inst,
          continue: !def.abort
        });
      }
      payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
      return;
    } catch (_) {
      payload.issues.push({
        code: "invalid_format",
        format: "url",
        input: payload.value,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodEmoji = /* @__PURE__ */ $constructor("$ZodEmoji", (inst, def) => {
  def.pattern ?? (def.pattern = emoji());
  $ZodStringFormat.init(inst, def);
});
var $ZodNanoID = /* @__PURE__ */ $constructor("$ZodNanoID", (inst, def) => {
  if (def.length !== void 0 && (!Number.isInteger(def.length) || def.length < 1))
    throw new Error(`Invalid nanoid length: ${def.length}`);
  def.pattern ?? (def.pattern = def.length === void 0 ? nanoid : nanoidOfLength(def.length));
  $ZodStringFormat.init(inst, def);
});
var $ZodCUID = /* @__PURE__ */ $constructor("$ZodCUID", (inst, def) => {
  def.pattern ?? (def.pattern = cuid);
  $ZodStringFormat.init(inst, def);
});
var $ZodCUID2 = /* @__PURE__ */ $constructor("$ZodCUID2", (inst, def) => {
  def.pattern ?? (def.pattern = cuid2);
  $ZodStringFormat.init(inst, def);
});
var $ZodULID = /* @__PURE__ */ $constructor("$ZodULID", (inst, def) => {
  def.pattern ?? (def.pattern = ulid);
  $ZodStringFormat.init(inst, def);
});
var $ZodXID = /* @__PURE__ */ $constructor("$ZodXID", (inst, def) => {
  def.pattern ?? (def.pattern = xid);
  $ZodStringFormat.init(inst, def);
});
var $ZodKSUID = /* @__PURE__ */ $constructor("$ZodKSUID", (inst, def) => {
  def.pattern ?? (def.pattern = ksuid);
  $ZodStringFormat.init(inst, def);
});
var $ZodISODateTime = /* @__PURE__ */ $constructor("$ZodISODateTime", (inst, def) => {
  def.pattern ?? (def.pattern = datetime(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODate = /* @__PURE__ */ $constructor("$ZodISODate", (inst, def) => {
  def.pattern ?? (def.pattern = date);
  $ZodStringFormat.init(inst, def);
});
var $ZodISOTime = /* @__PURE__ */ $constructor("$ZodISOTime", (inst, def) => {
  def.pattern ?? (def.pattern = time(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODuration = /* @__PURE__ */ $constructor("$ZodISODuration", (inst, def) => {
  def.pattern ?? (def.pattern = duration);
  $ZodStringFormat.init(inst, def);
});
var $ZodIPv4 = /* @__PURE__ */ $constructor("$ZodIPv4", (inst, def) => {
  def.pattern ?? (def.pattern = ipv4);
  $ZodStringFormat.init(inst, def);
});
var ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
  if (!ipv6Alphabet.test(value))
    return false;
  return canParseURL(`http://[${value}]`);
}
__name(isValidIPv6, "isValidIPv6");
var $ZodIPv6 = /* @__PURE__ */ $constructor("$ZodIPv6", (inst, def) => {
  def.pattern ?? (def.pattern = ipv6);
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    if (!isValidIPv6(payload.value)) {
      payload.issues.push({
        code: "invalid_format",
        format: "ipv6",
        input: payload.value,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCIDRv4 = /* @__PURE__ */ $constructor("$ZodCIDRv4", (inst, def) => {
  def.pattern ?? (def.pattern = cidrv4);
  $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
  const parts = value.split("/");
  if (parts.length !== 2)
    return false;
  const [address, prefix] = parts;
  if (!prefix)
    return false;
  const prefixNum = Number(prefix);
  if (`${prefixNum}` !== prefix)
    return false;
  if (prefixNum < 0 || prefixNum > 128)
    return false;
  return isValidIPv6(address);
}
__name(isValidCIDRv6, "isValidCIDRv6");
var $ZodCIDRv6 = /* @__PURE__ */ $constructor("$ZodCIDRv6", (inst, def) => {
  def.pattern ?? (def.pattern = cidrv6);
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    if (!isValidCIDRv6(payload.value)) {
      payload.issues.push({
        code: "invalid_format",
        format: "cidrv6",
        input: payload.value,
        inst,
        continue: !def.abort
      });
    }
  };
});
function isValidBase64(data) {
  if (data === "")
    return true;
  if (/\s/.test(data))
    return false;
  if (data.length % 4 !== 0)
    return false;
  try {
    atob(data);
    return true;
  } catch {
    return false;
  }
}
__name(isValidBase64, "isValidBase64");
var base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
var $ZodBase64 = /* @__PURE__ */ $constructor("$ZodBase64", (inst, def) => {
  def.pattern ?? (def.pattern = base64Charset);
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    if (isValidBase64(payload.value))
      return;
    payload.issues.push({
      code: "invalid_format",
      format: "base64",
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
  if (!base64urlCharset.test(data))
    return false;
  const base642 = data.replace(/[-_]/g, (c) => c === "-" ? "+" : "/");
  const padded = base642.padEnd(Math.ceil(base642.length / 4) * 4, "=");
  return isValidBase64(padded);
}
__name(isValidBase64URL, "isValidBase64URL");
var $ZodBase64URL = /* @__PURE__ */ $constructor("$ZodBase64URL", (inst, def) => {
  def.pattern ?? (def.pattern = base64urlCharset);
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    if (isValidBase64URL(payload.value))
      return;
    payload.issues.push({
      code: "invalid_format",
      format: "base64url",
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodE164 = /* @__PURE__ */ $constructor("$ZodE164", (inst, def) => {
  def.pattern ?? (def.pattern = e164);
  $ZodStringFormat.init(inst, def);
});
function isValidJWT(token, algorithm = null) {
  try {
    const tokensParts = token.split(".");
    if (tokensParts.length !== 3)
      return false;
    const [header] = tokensParts;
    if (!header)
      return false;
    const parsedHeader = JSON.parse(atob(header));
    if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
      return false;
    if (!parsedHeader.alg)
      return false;
    if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
      return false;
    return true;
  } catch {
    return false;
  }
}
__name(isValidJWT, "isValidJWT");
var $ZodJWT = /* @__PURE__ */ $constructor("$ZodJWT", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    if (isValidJWT(payload.value, def.alg))
      return;
    payload.issues.push({
      code: "invalid_format",
      format: "jwt",
      input: payload.value,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
  $ZodCheckNumberFormat.init(inst, def);
  $ZodNumber.init(inst, def);
});
var $ZodBoolean = /* @__PURE__ */ $constructor("$ZodBoolean", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = boolean;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Boolean(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "boolean")
      return payload;
    payload.issues.push({
      expected: "boolean",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodNull = /* @__PURE__ */ $constructor("$ZodNull", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = _null;
  inst._zod.values = /* @__PURE__ */ new Set([null]);
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (input === null)
      return payload;
    payload.issues.push({
      expected: "null",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodUnknown = /* @__PURE__ */ $constructor("$ZodUnknown", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload) => payload;
});
var $ZodNever = /* @__PURE__ */ $constructor("$ZodNever", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _ctx) => {
    payload.issues.push({
      expected: "never",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n2 = size(payload.value);
    if (n2 > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n2 > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
__name(capSize, "capSize");
var arraySize = /* @__PURE__ */ __name((input) => Array.isArray(input) ? input.length : -1, "arraySize");
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
__name(handleArrayResult, "handleArrayResult");
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo2 ? memo2.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
__name(handlePropertyResult, "handlePropertyResult");
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
__name(normalizeDef, "normalizeDef");
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
__name(handleCatchall, "handleCatchall");
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = /* @__PURE__ */ __name(() => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    }, "get");
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject2 = isObject;
  const catchall = def.catchall;
  let value;
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject2(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
var $ZodObjectJIT = /* @__PURE__ */ $constructor("$ZodObjectJIT", (inst, def) => {
  $ZodObject.init(inst, def);
  const superParse = inst._zod.parse;
  const _normalized = cached(() => normalizeDef(def));
  const memo2 = globalConfig.memoizer;
  const generateFastpass = /* @__PURE__ */ __name((shape) => {
    const normalized = _normalized.value;
    const syms = normalized.symbolKeys;
    const doc = new Doc(["payload", "ctx"], { shape, inst, memo: memo2, syms });
    const parseStr = /* @__PURE__ */ __name((k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`, "parseStr");
    const prefixStr = /* @__PURE__ */ __name((id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`, "prefixStr");
    doc.write(`const input = payload.value;`);
    const ids = /* @__PURE__ */ Object.create(null);
    let counter = 0;
    for (const key of normalized.allKeys) {
      ids[key] = `key_${counter++}`;
    }
    doc.write(memo2 ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
    for (const key of normalized.allKeys) {
      if (key === "__proto__")
        continue;
      const id = ids[key];
      const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
      const isPresent = `${k} in input`;
      const schema = shape[key];
      const optin = schema?._zod?.optin;
      const isOptionalIn = optin !== void 0;
      const isOptionalOut = schema?._zod?.optout === "optional";
      doc.write(`const ${id} = ${parseStr(k)};`);
      if (isOptionalIn && isOptionalOut) {
        const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
        doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
      } else if (!isOptionalIn) {
        doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
      } else {
        doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
        if (optin === "defaulted") {
          doc.write(`newResult[${k}] = ${id}.value;`);
        } else {
          doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
        }
      }
    }
    doc.write(`payload.value = newResult;`);
    doc.write(`return payload;`);
    return doc.compile();
  }, "generateFastpass");
  let fastpass;
  const isObject2 = isObject;
  const jit = !globalConfig.jitless;
  const allowsEval2 = allowsEval;
  const fastEnabled = jit && allowsEval2.value;
  const catchall = def.catchall;
  let value;
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject2(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
      if (!fastpass)
        fastpass = generateFastpass(def.shape);
      payload = fastpass(payload, ctx);
      if (!catchall)
        return payload;
      return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
    }
    return superParse(payload, ctx);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
__name(handleUnionResults, "handleUnionResults");
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first) {
      return first(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
var $ZodIntersection = /* @__PURE__ */ $constructor("$ZodIntersection", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    const left = def.left._zod.run({ value: input, issues: [] }, ctx);
    const right = def.right._zod.run({ value: input, issues: [] }, ctx);
    const async = left instanceof Promise || right instanceof Promise;
    if (async) {
      return Promise.all([left, right]).then(([left2, right2]) => {
        return handleIntersectionResults(payload, left2, right2);
      });
    }
    return handleIntersectionResults(payload, left, right);
  };
});
function mergeValues(a, b) {
  if (a === b) {
    return { valid: true, data: a };
  }
  if (a instanceof Date && b instanceof Date && +a === +b) {
    return { valid: true, data: a };
  }
  if (isPlainObject2(a) && isPlainObject2(b)) {
    const bKeys = Object.keys(b);
    const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
    const newObj = { ...a, ...b };
    if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
      delete newObj.__proto__;
    for (const key of sharedKeys) {
      if (key === "__proto__")
        continue;
      const sharedValue = mergeValues(a[key], b[key]);
      if (!sharedValue.valid) {
        return {
          valid: false,
          mergeErrorPath: [key, ...sharedValue.mergeErrorPath]
        };
      }
      newObj[key] = sharedValue.data;
    }
    return { valid: true, data: newObj };
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      return { valid: false, mergeErrorPath: [] };
    }
    const newArray = [];
    for (let index = 0; index < a.length; index++) {
      const itemA = a[index];
      const itemB = b[index];
      const sharedValue = mergeValues(itemA, itemB);
      if (!sharedValue.valid) {
        return {
          valid: false,
          mergeErrorPath: [index, ...sharedValue.mergeErrorPath]
        };
      }
      newArray.push(sharedValue.data);
    }
    return { valid: true, data: newArray };
  }
  return { valid: false, mergeErrorPath: [] };
}
__name(mergeValues, "mergeValues");
function handleIntersectionResults(result, left, right) {
  const unrecKeys = /* @__PURE__ */ new Map();
  let unrecIssue;
  const keyIssues = /* @__PURE__ */ new Map();
  const collect = /* @__PURE__ */ __name((iss, side) => {
    let keys;
    if (iss.code === "unrecognized_keys" && !iss.path?.length) {
      unrecIssue ?? (unrecIssue = iss);
      keys = iss.keys;
    } else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
      const k = String(iss.path[0]);
      if (!keyIssues.has(k))
        keyIssues.set(k, iss);
      keys = [k];
    } else {
      return false;
    }
    for (const k of keys) {
      if (!unrecKeys.has(k))
        unrecKeys.set(k, {});
      unrecKeys.get(k)[side] = true;
    }
    return true;
  }, "collect");
  for (const iss of left.issues) {
    if (!collect(iss, "l"))
      result.issues.push(iss);
  }
  for (const iss of right.issues) {
    if (!collect(iss, "r"))
      result.issues.push(iss);
  }
  const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
  if (bothKeys.length) {
    const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
    if (aggregated.length)
      result.issues.push({ ...unrecIssue, keys: aggregated });
    for (const k of bothKeys) {
      if (!aggregated.includes(k) && keyIssues.has(k))
        result.issues.push(keyIssues.get(k));
    }
  }
  const merged = mergeValues(left.value, right.value);
  if (!merged.valid) {
    if (aborted(result))
      return result;
    throw new Error(`Unmergable intersection. Error path: ${JSON.stringify(merged.mergeErrorPath)}`);
  }
  result.value = merged.data;
  return result;
}
__name(handleIntersectionResults, "handleIntersectionResults");
var $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
  $ZodType.init(inst, def);
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isPlainObject2(input)) {
      payload.issues.push({
        expected: "record",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    const proms = [];
    const values = def.keyType._zod.values;
    if (values && !def.partial) {
      payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
      const recordKeys = /* @__PURE__ */ new Set();
      for (const key of values) {
        if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
          recordKeys.add(typeof key === "number" ? key.toString() : key);
          if (key === "__proto__")
            continue;
          const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
          if (keyResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (keyResult.issues.length) {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
            continue;
          }
          const outKey = keyResult.value;
          if (outKey === "__proto__")
            continue;
          const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
          if (result instanceof Promise) {
            proms.push(result.then((result2) => {
              if (result2.issues.length) {
                payload.issues.push(...prefixIssues(key, result2.issues));
              }
              payload.value[outKey] = result2.value;
            }));
          } else {
            if (result.issues.length) {
              payload.issues.push(...prefixIssues(key, result.issues));
            }
            payload.value[outKey] = result.value;
          }
        }
      }
      let unrecognized;
      for (const key in input) {
        if (!recordKeys.has(key)) {
          if (def.mode === "loose") {
            if (key === "__proto__")
              continue;
            payload.value[key] = input[key];
          } else {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          }
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    } else {
      payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
      let unrecognized;
      for (const key of Reflect.ownKeys(input)) {
        if (key === "__proto__")
          continue;
        if (!Object.prototype.propertyIsEnumerable.call(input, key))
          continue;
        let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
        if (keyResult instanceof Promise) {
          throw new Error("Async schemas not supported in object keys currently");
        }
        const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
        if (checkNumericKey) {
          const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
          if (retryResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (retryResult.issues.length === 0) {
            keyResult = retryResult;
          }
        }
        if (keyResult.issues.length) {
          if (def.mode === "loose") {
            payload.value[key] = input[key];
          } else if (values) {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          } else {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
          }
          continue;
        }
        const outKey = keyResult.value;
        if (outKey === "__proto__")
          continue;
        const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((result2) => {
            if (result2.issues.length) {
              payload.issues.push(...prefixIssues(key, result2.issues));
            }
            payload.value[outKey] = result2.value;
          }));
        } else {
          if (result.issues.length) {
            payload.issues.push(...prefixIssues(key, result.issues));
          }
          payload.value[outKey] = result.value;
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodTransform = /* @__PURE__ */ $constructor("$ZodTransform", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.optin = "optional";
  globalConfig.memoizer?.guard(inst);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      throw new $ZodEncodeError(inst.constructor.name);
    }
    const _out = def.transform(payload.value, payload);
    if (ctx.async) {
      const output = _out instanceof Promise ? _out : Promise.resolve(_out);
      return output.then((output2) => {
        payload.value = output2;
        return payload;
      });
    }
    if (_out instanceof Promise) {
      throw new $ZodAsyncError();
    }
    payload.value = _out;
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
__name(handleOptionalResult, "handleOptionalResult");
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodExactOptional = /* @__PURE__ */ $constructor("$ZodExactOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
  inst._zod.parse = (payload, ctx) => {
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodDefault = /* @__PURE__ */ $constructor("$ZodDefault", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.optin = "defaulted";
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      return def.innerType._zod.run(payload, ctx);
    }
    if (payload.value === void 0) {
      payload.value = def.defaultValue;
      return payload;
    }
    const result = def.innerType._zod.run(payload, ctx);
    if (result instanceof Promise) {
      return result.then((result2) => handleDefaultResult(result2, def));
    }
    return handleDefaultResult(result, def);
  };
});
function handleDefaultResult(payload, def) {
  if (payload.value === void 0) {
    payload.value = def.defaultValue;
  }
  return payload;
}
__name(handleDefaultResult, "handleDefaultResult");
var $ZodPrefault = /* @__PURE__ */ $constructor("$ZodPrefault", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.optin = "defaulted";
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      return def.innerType._zod.run(payload, ctx);
    }
    if (payload.value === void 0) {
      payload.value = def.defaultValue;
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNonOptional = /* @__PURE__ */ $constructor("$ZodNonOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "values", (zod) => {
    const v = zod.def.innerType._zod.values;
    return v ? new Set([...v].filter((x) => x !== void 0)) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    const result = def.innerType._zod.run(payload, ctx);
    if (result instanceof Promise) {
      return result.then((result2) => handleNonOptionalResult(result2, inst));
    }
    return handleNonOptionalResult(result, inst);
  };
});
function handleNonOptionalResult(payload, inst) {
  if (!payload.issues.length && payload.value === void 0) {
    payload.issues.push({
      code: "invalid_type",
      expected: "nonoptional",
      input: payload.value,
      inst
    });
  }
  return payload;
}
__name(handleNonOptionalResult, "handleNonOptionalResult");
function handleCatchResult(payload, result, def, ctx) {
  if (!result.issues.length) {
    payload.value = result.value;
    if (result.memo)
      payload.memo = true;
    return payload;
  }
  payload.value = def.catchValue({
    ...result,
    value: payload.value,
    error: {
      issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config()))
    },
    input: payload.value
  });
  return payload;
}
__name(handleCatchResult, "handleCatchResult");
var $ZodCatch = /* @__PURE__ */ $constructor("$ZodCatch", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      return def.innerType._zod.run(payload, ctx);
    }
    const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
    if (result instanceof Promise) {
      return result.then((result2) => handleCatchResult(payload, result2, def, ctx));
    }
    return handleCatchResult(payload, result, def, ctx);
  };
});
var $ZodPipe = /* @__PURE__ */ $constructor("$ZodPipe", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
  defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
  defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      const right = def.out._zod.run(payload, ctx);
      if (right instanceof Promise) {
        return right.then((right2) => handlePipeResult(right2, def.in, ctx));
      }
      return handlePipeResult(right, def.in, ctx);
    }
    const left = def.in._zod.run(payload, ctx);
    if (left instanceof Promise) {
      return left.then((left2) => handlePipeResult(left2, def.out, ctx));
    }
    return handlePipeResult(left, def.out, ctx);
  };
});
function handlePipeResult(left, next, ctx) {
  if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
    left.aborted = true;
    return left;
  }
  return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
__name(handlePipeResult, "handlePipeResult");
var $ZodReadonly = /* @__PURE__ */ $constructor("$ZodReadonly", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      return def.innerType._zod.run(payload, ctx);
    }
    const result = def.innerType._zod.run(payload, ctx);
    if (result instanceof Promise) {
      return result.then(handleReadonlyResult);
    }
    return handleReadonlyResult(result);
  };
});
function handleReadonlyResult(payload) {
  if (!payload.memo)
    payload.value = Object.freeze(payload.value);
  return payload;
}
__name(handleReadonlyResult, "handleReadonlyResult");
var $ZodCustom = /* @__PURE__ */ $constructor("$ZodCustom", (inst, def) => {
  $ZodCheck.init(inst, def);
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _) => {
    return payload;
  };
  inst._zod.check = (payload) => {
    const input = payload.value;
    const r = def.fn(input);
    if (r instanceof Promise) {
      return r.then((r2) => handleRefineResult(r2, payload, input, inst));
    }
    handleRefineResult(r, payload, input, inst);
    return;
  };
});
function handleRefineResult(result, payload, input, inst) {
  if (!result) {
    const _iss = {
      code: "custom",
      input,
      inst,
      // incorporates params.error into issue reporting
      path: [...inst._zod.def.path ?? []],
      // incorporates params.error into issue reporting
      continue: !inst._zod.def.abort
      // params: inst._zod.def.params,
    };
    if (inst._zod.def.params)
      _iss.params = inst._zod.def.params;
    payload.issues.push(issue(_iss));
  }
}
__name(handleRefineResult, "handleRefineResult");

// node_modules/zod/v4/core/memoizer.js
var $ZodCyclicError = class extends Error {
  static {
    __name(this, "$ZodCyclicError");
  }
  constructor() {
    super(`Cannot parse a reference cycle that closes through a transform`);
    this.name = "ZodCyclicError";
  }
};
var STATE = "~memo";
var NO_ISSUES = [];
function isRef(value) {
  return value !== null && typeof value === "object";
}
__name(isRef, "isRef");
function cloneIssues(issues) {
  return issues.map((iss) => iss.path ? { ...iss, path: iss.path.slice() } : { ...iss });
}
__name(cloneIssues, "cloneIssues");
var recursive = /* @__PURE__ */ new WeakMap();
var NONE = 0;
var ASSUMED = 1;
var PROVEN = 2;
function isRecursive(inst, stack, resolve) {
  const cached2 = recursive.get(inst);
  if (cached2 !== void 0)
    return cached2 ? PROVEN : NONE;
  if (stack.has(inst))
    return PROVEN;
  stack.add(inst);
  let result = NONE;
  const check = /* @__PURE__ */ __name((child) => {
    if (result !== PROVEN && child?._zod) {
      const answer = isRecursive(child, stack, resolve);
      if (answer > result)
        result = answer;
    }
  }, "check");
  const shape = /* @__PURE__ */ __name((sh, spread) => {
    let answer = NONE;
    for (const key of Reflect.ownKeys(sh)) {
      const desc = Object.getOwnPropertyDescriptor(sh, key);
      if (spread && !desc.enumerable)
        continue;
      const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
      if (child > answer)
        answer = child;
    }
    return answer;
  }, "shape");
  const merge2 = /* @__PURE__ */ __name((answer) => {
    if (answer > result)
      result = answer;
  }, "merge");
  const def = inst._zod.def;
  const kind = def.type;
  switch (kind) {
    case "object": {
      const raw = rawShape(def);
      merge2(raw ? shape(raw, true) : ASSUMED);
      check(def.catchall);
      break;
    }
    case "array":
      check(def.element);
      break;
    case "tuple":
      for (const el of def.items)
        check(el);
      check(def.rest);
      break;
    case "record":
    case "map":
      check(def.keyType);
      check(def.valueType);
      break;
    case "set":
      check(def.valueType);
      break;
    case "union":
      for (const el of def.options)
        check(el);
      break;
    case "intersection":
      check(def.left);
      check(def.right);
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
    case "promise":
    case "success":
      check(def.innerType);
      break;
    case "pipe":
      check(def.in);
      check(def.out);
      break;
    case "function":
      check(def.input);
      check(def.output);
      break;
    // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
    case "lazy": {
      const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : void 0);
      merge2(inner ? isRecursive(inner, stack, false) : ASSUMED);
      break;
    }
    // a leaf by choice: `parts` are regex fragments, not data positions
    case "template_literal":
    // leaves
    case "string":
    case "number":
    case "int":
    case "boolean":
    case "bigint":
    case "symbol":
    case "undefined":
    case "null":
    case "void":
    case "never":
    case "any":
    case "unknown":
    case "date":
    case "nan":
    case "enum":
    case "literal":
    case "file":
    case "transform":
    case "custom":
      break;
    default: {
      kind;
      for (const key in def) {
        const desc = Object.getOwnPropertyDescriptor(def, key);
        if (!desc || desc.get)
          continue;
        const value = desc.value;
        if (!value || typeof value !== "object")
          continue;
        if (value._zod)
          check(value);
        else if (Array.isArray(value))
          for (const el of value)
            check(el);
      }
    }
  }
  stack.delete(inst);
  return settle(inst, result);
}
__name(isRecursive, "isRecursive");
function settle(inst, answer) {
  if (answer !== ASSUMED)
    recursive.set(inst, answer === PROVEN);
  return answer;
}
__name(settle, "settle");
function bucketFor(state, inst) {
  let bucket = state.buckets.get(inst);
  if (!bucket) {
    bucket = /* @__PURE__ */ new WeakMap();
    state.buckets.set(inst, bucket);
  }
  return bucket;
}
__name(bucketFor, "bucketFor");
var handoff;
var open = [];
var memo = {
  alloc(_inst, payload, empty) {
    const bucket = handoff;
    if (!bucket)
      return empty;
    handoff = void 0;
    const entry = { value: empty, issues: null };
    bucket.set(payload.value, entry);
    open.push(entry);
    return empty;
  },
  guard(inst) {
    var _a3;
    (_a3 = inst._zod).deferred ?? (_a3.deferred = []);
    inst._zod.deferred.push(() => {
      const base = inst._zod.parse;
      const wrapped = /* @__PURE__ */ __name((payload, ctx) => {
        if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
          throw new $ZodCyclicError();
        return base(payload, ctx);
      }, "wrapped");
      inst._zod.parse = wrapped;
      if (inst._zod.run === base)
        inst._zod.run = wrapped;
    });
  },
  attach(inst) {
    var _a3;
    let isRecursiveInst;
    let rechecked = false;
    let lastCtx;
    let lastBucket;
    (_a3 = inst._zod).deferred ?? (_a3.deferred = []);
    inst._zod.deferred.push(() => {
      const base = inst._zod.parse;
      const wrapped = /* @__PURE__ */ __name((payload, ctx) => {
        if (isRecursiveInst === void 0) {
          const walked = isRecursive(inst, /* @__PURE__ */ new Set(), false);
          if (walked === NONE) {
            inst._zod.parse = base;
            if (inst._zod.run === wrapped)
              inst._zod.run = base;
            return base(payload, ctx);
          }
          if (walked === PROVEN || rechecked)
            isRecursiveInst = true;
          else
            rechecked = true;
        }
        const input = payload.value;
        if (!isRef(input))
          return base(payload, ctx);
        let state = ctx[STATE];
        if (!state) {
          state = { buckets: /* @__PURE__ */ new WeakMap(), backEdges: void 0 };
          ctx[STATE] = state;
        }
        let bucket;
        if (lastCtx === ctx) {
          bucket = lastBucket;
        } else {
          bucket = bucketFor(state, inst);
          lastCtx = ctx;
          lastBucket = bucket;
        }
        const hit = bucket.get(input);
        if (hit) {
          payload.value = hit.value;
          if (hit.issues) {
            if (hit.issues.length)
              payload.issues.push(...cloneIssues(hit.issues));
          } else {
            payload.memo = true;
            state.backEdges ?? (state.backEdges = /* @__PURE__ */ new WeakSet());
            state.backEdges.add(hit.value);
          }
          return payload;
        }
        handoff = bucket;
        const depth = open.length;
        const result = base(payload, ctx);
        handoff = void 0;
        const entry = open.length > depth ? open.pop() : void 0;
        if (result instanceof Promise) {
          return result.then((r) => {
            if (entry)
              entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
            return r;
          });
        }
        if (entry)
          entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
        return result;
      }, "wrapped");
      inst._zod.parse = wrapped;
      if (inst._zod.run === base)
        inst._zod.run = wrapped;
    });
  }
};
function memoizer() {
  return memo;
}
__name(memoizer, "memoizer");
function isBackEdge(ctx, value) {
  const backEdges = ctx[STATE]?.backEdges;
  return backEdges !== void 0 && isRef(value) && backEdges.has(value);
}
__name(isBackEdge, "isBackEdge");

// node_modules/zod/v4/locales/en.js
var error = /* @__PURE__ */ __name(() => {
  const Sizable = {
    string: { unit: "characters", verb: "to have" },
    file: { unit: "bytes", verb: "to have" },
    array: { unit: "items", verb: "to have" },
    set: { unit: "items", verb: "to have" },
    map: { unit: "entries", verb: "to have" }
  };
  function getSizing(origin) {
    return Sizable[origin] ?? null;
  }
  __name(getSizing, "getSizing");
  const FormatDictionary = {
    regex: "input",
    email: "email address",
    url: "URL",
    emoji: "emoji",
    uuid: "UUID",
    uuidv4: "UUIDv4",
    uuidv6: "UUIDv6",
    nanoid: "nanoid",
    guid: "GUID",
    cuid: "cuid",
    cuid2: "cuid2",
    ulid: "ULID",
    xid: "XID",
    ksuid: "KSUID",
    datetime: "ISO datetime",
    date: "ISO date",
    time: "ISO time",
    duration: "ISO duration",
    ipv4: "IPv4 address",
    ipv6: "IPv6 address",
    mac: "MAC address",
    cidrv4: "IPv4 range",
    cidrv6: "IPv6 range",
    base64: "base64-encoded string",
    base64url: "base64url-encoded string",
    json_string: "JSON string",
    e164: "E.164 number",
    currency_code: "currency code",
    credit_card: "credit card number",
    iban: "IBAN",
    jwt: "JWT",
    template_literal: "input"
  };
  const TypeDictionary = {
    // Compatibility: "nan" -> "NaN" for display
    nan: "NaN"
    // All other type names omitted - they fall back to raw values via ?? operator
  };
  function getTypeName(type, input) {
    if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
      return String(input);
    }
    return TypeDictionary[type] ?? type;
  }
  __name(getTypeName, "getTypeName");
  return (issue2) => {
    switch (issue2.code) {
      case "invalid_type": {
        const expected = getTypeName(issue2.expected);
        const receivedType = parsedType(issue2.input);
        const received = getTypeName(receivedType, issue2.input);
        return `Invalid input: expected ${expected}, received ${received}`;
      }
      case "invalid_value":
        if (issue2.values.length === 1)
          return `Invalid input: expected ${stringifyPrimitive(issue2.values[0])}`;
        return `Invalid option: expected one of ${joinValues(issue2.values, "|")}`;
      case "too_big": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? "<=" : "<";
        const sizing = getSizing(issue2.origin);
        if (sizing)
          return `Too big: expected ${issue2.origin ?? "value"} to have ${adj}${issue2.maximum.toString()} ${sizing.unit ?? "elements"}`;
        return `Too big: expected ${issue2.origin ?? "value"} to be ${adj}${issue2.maximum.toString()}`;
      }
      case "too_small": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? ">=" : ">";
        const sizing = getSizing(issue2.origin);
        if (sizing) {
          return `Too small: expected ${issue2.origin} to have ${adj}${issue2.minimum.toString()} ${sizing.unit}`;
        }
        return `Too small: expected ${issue2.origin} to be ${adj}${issue2.minimum.toString()}`;
      }
      case "invalid_format": {
        const _issue = issue2;
        if (_issue.format === "starts_with") {
          return `Invalid string: must start with "${_issue.prefix}"`;
        }
        if (_issue.format === "ends_with")
          return `Invalid string: must end with "${_issue.suffix}"`;
        if (_issue.format === "includes")
          return `Invalid string: must include "${_issue.includes}"`;
        if (_issue.format === "regex")
          return `Invalid string: must match pattern ${_issue.pattern}`;
        return `Invalid ${FormatDictionary[_issue.format] ?? issue2.format}`;
      }
      case "not_multiple_of":
        return `Invalid number: must be a multiple of ${issue2.divisor}`;
      case "unrecognized_keys":
        return `Unrecognized key${issue2.keys.length > 1 ? "s" : ""}: ${joinValues(issue2.keys, ", ")}`;
      case "invalid_key":
        return `Invalid key in ${issue2.origin}`;
      case "invalid_union":
        if (issue2.options && Array.isArray(issue2.options) && issue2.options.length > 0) {
          const opts = issue2.options.map((o) => `'${o}'`).join(" | ");
          return `Invalid discriminator value. Expected ${opts}`;
        }
        if (issue2.inclusive === false) {
          return "Invalid input: more than one option matched";
        }
        return "Invalid input";
      case "invalid_element":
        return `Invalid value in ${issue2.origin}`;
      default:
        return `Invalid input`;
    }
  };
}, "error");
function en_default() {
  return {
    localeError: error()
  };
}
__name(en_default, "default");

// node_modules/zod/v4/core/registries.js
var _a2;
var $ZodRegistry = class {
  static {
    __name(this, "$ZodRegistry");
  }
  constructor() {
    this._map = /* @__PURE__ */ new WeakMap();
    this._idmap = /* @__PURE__ */ new Map();
  }
  add(schema, ..._meta) {
    const meta2 = _meta[0];
    this._map.set(schema, meta2);
    if (meta2 && typeof meta2 === "object" && "id" in meta2) {
      this._idmap.set(meta2.id, schema);
    }
    return this;
  }
  clear() {
    this._map = /* @__PURE__ */ new WeakMap();
    this._idmap = /* @__PURE__ */ new Map();
    return this;
  }
  remove(schema) {
    const meta2 = this._map.get(schema);
    if (meta2 && typeof meta2 === "object" && "id" in meta2) {
      this._idmap.delete(meta2.id);
    }
    this._map.delete(schema);
    return this;
  }
  get(schema) {
    const p = schema._zod.parent;
    if (p) {
      const pm = { ...this.get(p) ?? {} };
      delete pm.id;
      const f = { ...pm, ...this._map.get(schema) };
      return Object.keys(f).length ? f : void 0;
    }
    return this._map.get(schema);
  }
  has(schema) {
    return this._map.has(schema);
  }
};
function registry() {
  return new $ZodRegistry();
}
__name(registry, "registry");
(_a2 = globalThis).__zod_globalRegistry ?? (_a2.__zod_globalRegistry = registry());
var globalRegistry = globalThis.__zod_globalRegistry;

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
__name(snapshotChecks, "snapshotChecks");
// @__NO_SIDE_EFFECTS__
function _string(Class2, params) {
  return new Class2(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
__name(_string, "_string");
// @__NO_SIDE_EFFECTS__
function _email(Class2, params) {
  return new Class2({
    type: "string",
    format: "email",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_email, "_email");
// @__NO_SIDE_EFFECTS__
function _guid(Class2, params) {
  return new Class2({
    type: "string",
    format: "guid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_guid, "_guid");
// @__NO_SIDE_EFFECTS__
function _uuid(Class2, params) {
  return new Class2({
    type: "string",
    format: "uuid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_uuid, "_uuid");
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class2, params) {
  return new Class2({
    type: "string",
    format: "uuid",
    check: "string_format",
    abort: false,
    version: "v4",
    ...normalizeParams(params)
  });
}
__name(_uuidv4, "_uuidv4");
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class2, params) {
  return new Class2({
    type: "string",
    format: "uuid",
    check: "string_format",
    abort: false,
    version: "v6",
    ...normalizeParams(params)
  });
}
__name(_uuidv6, "_uuidv6");
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class2, params) {
  return new Class2({
    type: "string",
    format: "uuid",
    check: "string_format",
    abort: false,
    version: "v7",
    ...normalizeParams(params)
  });
}
__name(_uuidv7, "_uuidv7");
// @__NO_SIDE_EFFECTS__
function _url(Class2, params) {
  return new Class2({
    type: "string",
    format: "url",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_url, "_url");
// @__NO_SIDE_EFFECTS__
function _emoji2(Class2, params) {
  return new Class2({
    type: "string",
    format: "emoji",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_emoji2, "_emoji");
// @__NO_SIDE_EFFECTS__
function _nanoid(Class2, params) {
  return new Class2({
    type: "string",
    format: "nanoid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_nanoid, "_nanoid");
// @__NO_SIDE_EFFECTS__
function _cuid(Class2, params) {
  return new Class2({
    type: "string",
    format: "cuid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_cuid, "_cuid");
// @__NO_SIDE_EFFECTS__
function _cuid2(Class2, params) {
  return new Class2({
    type: "string",
    format: "cuid2",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_cuid2, "_cuid2");
// @__NO_SIDE_EFFECTS__
function _ulid(Class2, params) {
  return new Class2({
    type: "string",
    format: "ulid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_ulid, "_ulid");
// @__NO_SIDE_EFFECTS__
function _xid(Class2, params) {
  return new Class2({
    type: "string",
    format: "xid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_xid, "_xid");
// @__NO_SIDE_EFFECTS__
function _ksuid(Class2, params) {
  return new Class2({
    type: "string",
    format: "ksuid",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_ksuid, "_ksuid");
// @__NO_SIDE_EFFECTS__
function _ipv4(Class2, params) {
  return new Class2({
    type: "string",
    format: "ipv4",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_ipv4, "_ipv4");
// @__NO_SIDE_EFFECTS__
function _ipv6(Class2, params) {
  return new Class2({
    type: "string",
    format: "ipv6",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_ipv6, "_ipv6");
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class2, params) {
  return new Class2({
    type: "string",
    format: "cidrv4",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_cidrv4, "_cidrv4");
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class2, params) {
  return new Class2({
    type: "string",
    format: "cidrv6",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_cidrv6, "_cidrv6");
// @__NO_SIDE_EFFECTS__
function _base64(Class2, params) {
  return new Class2({
    type: "string",
    format: "base64",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_base64, "_base64");
// @__NO_SIDE_EFFECTS__
function _base64url(Class2, params) {
  return new Class2({
    type: "string",
    format: "base64url",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_base64url, "_base64url");
// @__NO_SIDE_EFFECTS__
function _e164(Class2, params) {
  return new Class2({
    type: "string",
    format: "e164",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_e164, "_e164");
// @__NO_SIDE_EFFECTS__
function _jwt(Class2, params) {
  return new Class2({
    type: "string",
    format: "jwt",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
__name(_jwt, "_jwt");
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class2, params) {
  return new Class2({
    type: "string",
    format: "datetime",
    check: "string_format",
    offset: false,
    local: false,
    precision: null,
    ...normalizeParams(params)
  });
}
__name(_isoDateTime, "_isoDateTime");
// @__NO_SIDE_EFFECTS__
function _isoDate(Class2, params) {
  return new Class2({
    type: "string",
    format: "date",
    check: "string_format",
    ...normalizeParams(params)
  });
}
__name(_isoDate, "_isoDate");
// @__NO_SIDE_EFFECTS__
function _isoTime(Class2, params) {
  return new Class2({
    type: "string",
    format: "time",
    check: "string_format",
    precision: null,
    ...normalizeParams(params)
  });
}
__name(_isoTime, "_isoTime");
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class2, params) {
  return new Class2({
    type: "string",
    format: "duration",
    check: "string_format",
    ...normalizeParams(params)
  });
}
__name(_isoDuration, "_isoDuration");
// @__NO_SIDE_EFFECTS__
function _number(Class2, params) {
  return new Class2(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
__name(_number, "_number");
// @__NO_SIDE_EFFECTS__
function _int(Class2, params) {
  return new Class2({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
__name(_int, "_int");
// @__NO_SIDE_EFFECTS__
function _boolean(Class2, params) {
  return new Class2({
    type: "boolean",
    ...normalizeParams(params)
  });
}
__name(_boolean, "_boolean");
// @__NO_SIDE_EFFECTS__
function _null2(Class2, params) {
  return new Class2({
    type: "null",
    ...normalizeParams(params)
  });
}
__name(_null2, "_null");
// @__NO_SIDE_EFFECTS__
function _unknown(Class2) {
  return new Class2({
    type: "unknown"
  });
}
__name(_unknown, "_unknown");
// @__NO_SIDE_EFFECTS__
function _never(Class2, params) {
  return new Class2({
    type: "never",
    ...normalizeParams(params)
  });
}
__name(_never, "_never");
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
  return new $ZodCheckLessThan({
    check: "less_than",
    ...normalizeParams(params),
    value,
    inclusive: false
  });
}
__name(_lt, "_lt");
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
  return new $ZodCheckLessThan({
    check: "less_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
__name(_lte, "_lte");
// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: false
  });
}
__name(_gt, "_gt");
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
__name(_gte, "_gte");
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
  return new $ZodCheckMultipleOf({
    check: "multiple_of",
    ...normalizeParams(params),
    value
  });
}
__name(_multipleOf, "_multipleOf");
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
  const ch = new $ZodCheckMaxLength({
    check: "max_length",
    ...normalizeParams(params),
    maximum
  });
  return ch;
}
__name(_maxLength, "_maxLength");
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
__name(_minLength, "_minLength");
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
  return new $ZodCheckLengthEquals({
    check: "length_equals",
    ...normalizeParams(params),
    length
  });
}
__name(_length, "_length");
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
  return new $ZodCheckRegex({
    check: "string_format",
    format: "regex",
    ...normalizeParams(params),
    pattern
  });
}
__name(_regex, "_regex");
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
  return new $ZodCheckLowerCase({
    check: "string_format",
    format: "lowercase",
    ...normalizeParams(params)
  });
}
__name(_lowercase, "_lowercase");
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
  return new $ZodCheckUpperCase({
    check: "string_format",
    format: "uppercase",
    ...normalizeParams(params)
  });
}
__name(_uppercase, "_uppercase");
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
  return new $ZodCheckIncludes({
    check: "string_format",
    format: "includes",
    ...normalizeParams(params),
    includes
  });
}
__name(_includes, "_includes");
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
  return new $ZodCheckStartsWith({
    check: "string_format",
    format: "starts_with",
    ...normalizeParams(params),
    prefix
  });
}
__name(_startsWith, "_startsWith");
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
  return new $ZodCheckEndsWith({
    check: "string_format",
    format: "ends_with",
    ...normalizeParams(params),
    suffix
  });
}
__name(_endsWith, "_endsWith");
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
  return new $ZodCheckOverwrite({
    check: "overwrite",
    tx
  });
}
__name(_overwrite, "_overwrite");
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
  return /* @__PURE__ */ _overwrite((input) => input.normalize(form));
}
__name(_normalize, "_normalize");
// @__NO_SIDE_EFFECTS__
function _trim() {
  return /* @__PURE__ */ _overwrite((input) => input.trim());
}
__name(_trim, "_trim");
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
  return /* @__PURE__ */ _overwrite((input) => input.toLowerCase());
}
__name(_toLowerCase, "_toLowerCase");
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
  return /* @__PURE__ */ _overwrite((input) => input.toUpperCase());
}
__name(_toUpperCase, "_toUpperCase");
// @__NO_SIDE_EFFECTS__
function _slugify() {
  return /* @__PURE__ */ _overwrite((input) => slugify(input));
}
__name(_slugify, "_slugify");
// @__NO_SIDE_EFFECTS__
function _array(Class2, element2, params) {
  return new Class2({
    type: "array",
    element: element2,
    // get element() {
    //   return element;
    // },
    ...normalizeParams(params)
  });
}
__name(_array, "_array");
// @__NO_SIDE_EFFECTS__
function _refine(Class2, fn, _params) {
  const schema = new Class2({
    type: "custom",
    check: "custom",
    fn,
    ...normalizeParams(_params)
  });
  return schema;
}
__name(_refine, "_refine");
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
  const ch = /* @__PURE__ */ _check((payload) => {
    payload.addIssue = (issue2) => {
      if (typeof issue2 === "string") {
        payload.issues.push(issue(issue2, payload.value, ch._zod.def));
      } else {
        const _issue = issue2;
        if (_issue.fatal)
          _issue.continue = false;
        _issue.code ?? (_issue.code = "custom");
        if (!("input" in _issue))
          _issue.input = payload.value;
        _issue.inst ?? (_issue.inst = ch);
        _issue.continue ?? (_issue.continue = !ch._zod.def.abort);
        payload.issues.push(issue(_issue));
      }
    };
    return fn(payload.value, payload);
  }, params);
  return ch;
}
__name(_superRefine, "_superRefine");
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
  const ch = new $ZodCheck({
    check: "custom",
    ...normalizeParams(params)
  });
  ch._zod.check = fn;
  return ch;
}
__name(_check, "_check");

// node_modules/zod/v4/core/to-json-schema.js
function assignProps(target, ...sources) {
  for (const source of sources) {
    for (const key of Reflect.ownKeys(source)) {
      if (Object.prototype.propertyIsEnumerable.call(source, key)) {
        assignProp(target, key, source[key]);
      }
    }
  }
  return target;
}
__name(assignProps, "assignProps");
function initializeContext(params) {
  let target = params?.target ?? "draft-2020-12";
  if (target === "draft-4")
    target = "draft-04";
  if (target === "draft-7")
    target = "draft-07";
  return {
    processors: params.processors ?? {},
    metadataRegistry: params?.metadata ?? globalRegistry,
    target,
    unrepresentable: params?.unrepresentable ?? "throw",
    override: params?.override ?? (() => {
    }),
    io: params?.io ?? "output",
    counter: 0,
    seen: /* @__PURE__ */ new Map(),
    sharedDefsExtractedFor: void 0,
    sharedEmitDoneFor: void 0,
    cycles: params?.cycles ?? "ref",
    reused: params?.reused ?? "inline",
    intersections: [],
    deferred: [],
    external: params?.external ?? void 0
  };
}
__name(initializeContext, "initializeContext");
function handleUnrepresentable(schema, ctx, json, params, message) {
  const result = typeof ctx.unrepresentable === "function" ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message }) : ctx.unrepresentable;
  if (result === "any")
    return false;
  if (result === void 0 || result === "throw")
    throw new Error(message);
  Object.assign(json, result);
  return true;
}
__name(handleUnrepresentable, "handleUnrepresentable");
function processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
  var _a3;
  const def = schema._zod.def;
  const seen = ctx.seen.get(schema);
  if (seen) {
    seen.count++;
    const isCycle = _params.schemaPath.includes(schema);
    if (isCycle) {
      seen.cycle = _params.path;
    }
    return seen.schema;
  }
  const result = { schema: {}, count: 1, cycle: void 0, path: _params.path };
  ctx.seen.set(schema, result);
  ctx.sharedDefsExtractedFor = void 0;
  ctx.sharedEmitDoneFor = void 0;
  const overrideSchema = schema._zod.toJSONSchema?.();
  if (overrideSchema) {
    result.schema = overrideSchema;
  } else {
    const params = {
      ..._params,
      schemaPath: [..._params.schemaPath, schema],
      path: _params.path
    };
    if (schema._zod.processJSONSchema) {
      schema._zod.processJSONSchema(ctx, result.schema, params);
    } else {
      const _json = result.schema;
      const processor = ctx.processors[def.type];
      if (!processor) {
        throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
      }
      processor(schema, ctx, _json, params);
    }
    const parent = schema._zod.parent;
    if (parent) {
      if (!result.ref)
        result.ref = parent;
      processSchema(parent, ctx, params);
      ctx.seen.get(parent).isParent = true;
    }
  }
  const meta2 = ctx.metadataRegistry.get(schema);
  if (meta2)
    assignProps(result.schema, meta2);
  if (ctx.io === "input" && isTransforming(schema)) {
    delete result.schema.examples;
    delete result.schema.default;
  }
  if (ctx.io === "input" && "_prefault" in result.schema)
    (_a3 = result.schema).default ?? (_a3.default = result.schema._prefault);
  delete result.schema._prefault;
  const _result = ctx.seen.get(schema);
  return _result.schema;
}
__name(processSchema, "processSchema");
function encodeJSONPointerSegment(segment) {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
__name(encodeJSONPointerSegment, "encodeJSONPointerSegment");
function extractDefs(ctx, schema) {
  const root = ctx.seen.get(schema);
  if (!root)
    throw new Error("Unprocessed schema. This is a bug in Zod.");
  if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
    return;
  const idToSchema = /* @__PURE__ */ new Map();
  for (const entry of ctx.seen.entries()) {
    const id = ctx.metadataRegistry.get(entry[0])?.id;
    if (id) {
      const existing = idToSchema.get(id);
      if (existing && existing !== entry[0]) {
        throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
      }
      idToSchema.set(id, entry[0]);
    }
  }
  const makeURI = /* @__PURE__ */ __name((entry) => {
    const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
    if (ctx.external) {
      const externalId = ctx.external.registry.get(entry[0])?.id;
      const uriGenerator = ctx.external.uri ?? ((id2) => id2);
      if (externalId) {
        return { ref: uriGenerator(externalId) };
      }
      const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
      entry[1].defId = id;
      return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
    }
    const uriPrefix = `#`;
    const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
    if (entry[1] === root && !entry[1].schema.id) {
      return { ref: uriPrefix };
    }
    const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
    return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
  }, "makeURI");
  const extractToDef = /* @__PURE__ */ __name((entry) => {
    if (entry[1].schema.$ref) {
      return;
    }
    const seen = entry[1];
    const { ref, defId } = makeURI(entry);
    seen.def = { ...seen.schema };
    if (defId)
      seen.defId = defId;
    const schema2 = seen.schema;
    for (const key in schema2) {
      delete schema2[key];
    }
    schema2.$ref = ref;
  }, "extractToDef");
  if (ctx.cycles === "throw") {
    for (const entry of ctx.seen.entries()) {
      const seen = entry[1];
      if (seen.cycle) {
        throw new Error(`Cycle detected: #/${seen.cycle?.join("/")}/<root>

Set the \`cycles\` parameter to \`"ref"\` to resolve cyclical schemas with defs.`);
      }
    }
  }
  for (const entry of ctx.seen.entries()) {
    const seen = entry[1];
    if (schema === entry[0]) {
      extractToDef(entry);
      continue;
    }
    if (ctx.external) {
      const ext = ctx.external.registry.get(entry[0])?.id;
      if (schema !== entry[0] && ext) {
        extractToDef(entry);
        continue;
      }
    }
    const id = ctx.metadataRegistry.get(entry[0])?.id;
    if (id) {
      extractToDef(entry);
      continue;
    }
    if (seen.cycle) {
      extractToDef(entry);
      continue;
    }
    if (seen.count > 1) {
      if (ctx.reused === "ref") {
        extractToDef(entry);
      }
    }
  }
  if (ctx.external)
    ctx.sharedDefsExtractedFor = ctx.external;
}
__name(extractDefs, "extractDefs");
function compactTypeUnion(schema) {
  const options = schema.anyOf;
  if (!Array.isArray(options) || options.length === 0 || schema.type !== void 0)
    return;
  const types = [];
  for (const option of options) {
    if (!option || typeof option !== "object")
      return;
    compactTypeUnion(option);
    const keys = Object.keys(option);
    if (keys.length !== 1 || keys[0] !== "type")
      return;
    const type = option.type;
    for (const member of Array.isArray(type) ? type : [type]) {
      if (typeof member !== "string")
        return;
      if (!types.includes(member))
        types.push(member);
    }
  }
  delete schema.anyOf;
  schema.type = types.length === 1 ? types[0] : types;
}
__name(compactTypeUnion, "compactTypeUnion");
var FOLDABLE_KEYS = /* @__PURE__ */ new Set(["type", "properties", "required", "additionalProperties"]);
var UNION_KEYS = ["oneOf", "anyOf"];
function undeclaredConstraint(member) {
  const extra = member.additionalProperties;
  if (extra === void 0 || extra === false || typeof extra !== "object" || extra === null)
    return null;
  return Object.keys(extra).length ? extra : null;
}
__name(undeclaredConstraint, "undeclaredConstraint");
function foldObjects(members2) {
  const objects = [];
  for (const member of members2) {
    if (typeof member !== "object" || member.type !== "object")
      return null;
    for (const key in member) {
      if (!FOLDABLE_KEYS.has(key))
        return null;
    }
    objects.push(member);
  }
  const properties = {};
  const required2 = /* @__PURE__ */ new Set();
  for (const object2 of objects) {
    for (const key in object2.properties) {
      if (Object.prototype.hasOwnProperty.call(properties, key))
        continue;
      const parts = [];
      for (const other of objects) {
        const part = other.properties?.[key] ?? undeclaredConstraint(other);
        if (part === null || part === void 0)
          continue;
        if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
          parts.push(part);
      }
      const merged = parts.length === 1 ? parts[0] : foldObjects(parts) ?? { allOf: parts };
      assignProp(properties, key, merged);
    }
    for (const key of object2.required ?? [])
      required2.add(key);
  }
  const folded = { type: "object", properties };
  if (required2.size)
    folded.required = [...required2];
  if (objects.every((object2) => object2.additionalProperties === false)) {
    folded.additionalProperties = false;
  } else {
    const constraints = [];
    for (const object2 of objects) {
      const constraint = undeclaredConstraint(object2);
      if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
        constraints.push(constraint);
    }
    if (constraints.length === 1)
      folded.additionalProperties = constraints[0];
    else if (constraints.length > 1)
      folded.additionalProperties = { allOf: constraints };
  }
  return folded;
}
__name(foldObjects, "foldObjects");
function foldIntersection(json) {
  const allOf = json.allOf;
  if (!Array.isArray(allOf) || allOf.length < 2)
    return;
  for (const key of FOLDABLE_KEYS)
    if (key in json)
      return;
  const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
  let folded = null;
  if (!unions.length) {
    folded = foldObjects(allOf);
  } else {
    const union2 = unions[0];
    const keyword = UNION_KEYS.find((k) => Array.isArray(union2[k]));
    if (Object.keys(union2).length !== 1)
      return;
    const rest = allOf.filter((m) => m !== union2);
    const branches = union2[keyword].map((branch) => foldObjects([...rest, branch]));
    if (branches.some((b) => !b))
      return;
    folded = { [keyword]: branches };
  }
  if (!folded)
    return;
  delete json.allOf;
  assignProps(json, folded);
}
__name(foldIntersection, "foldIntersection");
function finalize(ctx, schema) {
  const root = ctx.seen.get(schema);
  if (!root)
    throw new Error("Unprocessed schema. This is a bug in Zod.");
  const flattenRef = /* @__PURE__ */ __name((zodSchema) => {
    const seen = ctx.seen.get(zodSchema);
    if (seen.ref === null)
      return;
    const schema2 = seen.def ?? seen.schema;
    const _cached = { ...schema2 };
    const ref = seen.ref;
    seen.ref = null;
    if (ref) {
      flattenRef(ref);
      const refSeen = ctx.seen.get(ref);
      const refSchema = refSeen.schema;
      if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
        schema2.allOf = schema2.allOf ?? [];
        schema2.allOf.push(refSchema);
      } else {
        assignProps(schema2, refSchema);
      }
      assignProps(schema2, _cached);
      const isParentRef = zodSchema._zod.parent === ref;
      if (isParentRef) {
        for (const key in schema2) {
          if (key === "$ref" || key === "allOf")
            continue;
          if (!(key in _cached)) {
            delete schema2[key];
          }
        }
      }
      if (refSchema.$ref && refSeen.def) {
        for (const key in schema2) {
          if (key === "$ref" || key === "allOf")
            continue;
          if (key in refSeen.def && JSON.stringify(schema2[key]) === JSON.stringify(refSeen.def[key])) {
            delete schema2[key];
          }
        }
      }
    }
    const parent = zodSchema._zod.parent;
    if (parent && parent !== ref) {
      flattenRef(parent);
      const parentSeen = ctx.seen.get(parent);
      if (parentSeen?.schema.$ref) {
        schema2.$ref = parentSeen.schema.$ref;
        if (parentSeen.def) {
          for (const key in schema2) {
            if (key === "$ref" || key === "allOf")
              continue;
            if (key in parentSeen.def && JSON.stringify(schema2[key]) === JSON.stringify(parentSeen.def[key])) {
              delete schema2[key];
            }
          }
        }
      }
    }
    ctx.override({
      zodSchema,
      jsonSchema: schema2,
      path: seen.path ?? []
    });
  }, "flattenRef");
  if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
    for (const entry of [...ctx.seen.entries()].reverse()) {
      flattenRef(entry[0]);
    }
    if (ctx.target !== "openapi-3.0") {
      for (const entry of ctx.seen.entries()) {
        compactTypeUnion(entry[1].def ?? entry[1].schema);
      }
    }
    for (const rewrite of ctx.deferred)
      rewrite();
    if (ctx.intersections.length) {
      const carriers = /* @__PURE__ */ new Map();
      for (const seen of ctx.seen.values()) {
        for (const json of [seen.schema, seen.def]) {
          const allOf = json?.allOf;
          if (!Array.isArray(allOf))
            continue;
          const existing = carriers.get(allOf);
          if (existing)
            existing.push(json);
          else
            carriers.set(allOf, [json]);
        }
      }
      for (const allOf of ctx.intersections) {
        for (const json of carriers.get(allOf) ?? [])
          foldIntersection(json);
      }
    }
  }
  const result = {};
  if (ctx.target === "draft-2020-12") {
    result.$schema = "https://json-schema.org/draft/2020-12/schema";
  } else if (ctx.target === "draft-07") {
    result.$schema = "http://json-schema.org/draft-07/schema#";
  } else if (ctx.target === "draft-04") {
    result.$schema = "http://json-schema.org/draft-04/schema#";
  } else if (ctx.target === "openapi-3.0") {
  } else {
  }
  if (ctx.external?.uri) {
    const id = ctx.external.registry.get(schema)?.id;
    if (!id)
      throw new Error("Schema is missing an `id` property");
    result.$id = ctx.external.uri(id);
  }
  assignProps(result, root.defId ? root.schema : root.def ?? root.schema);
  const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
  if (rootMetaId !== void 0 && result.id === rootMetaId)
    delete result.id;
  const defs = ctx.external?.defs ?? {};
  if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
    for (const entry of ctx.seen.entries()) {
      const seen = entry[1];
      if (seen.def && seen.defId) {
        if (seen.def.id === seen.defId)
          delete seen.def.id;
        assignProp(defs, seen.defId, seen.def);
      }
    }
  }
  if (ctx.external)
    ctx.sharedEmitDoneFor = ctx.external;
  if (ctx.external) {
  } else {
    if (Object.keys(defs).length > 0) {
      if (ctx.target === "draft-2020-12") {
        result.$defs = defs;
      } else {
        result.definitions = defs;
      }
    }
  }
  try {
    const finalized = JSON.parse(JSON.stringify(result));
    Object.defineProperty(finalized, "~standard", {
      value: {
        ...schema["~standard"],
        jsonSchema: {
          input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
          output: createStandardJSONSchemaMethod(schema, "output", ctx.processors)
        }
      },
      enumerable: false,
      writable: false
    });
    return finalized;
  } catch (_err) {
    throw new Error("Error converting schema to JSON.");
  }
}
__name(finalize, "finalize");
function isTransforming(_schema, _ctx) {
  const ctx = _ctx ?? { seen: /* @__PURE__ */ new Set() };
  if (ctx.seen.has(_schema))
    return false;
  ctx.seen.add(_schema);
  const def = _schema._zod.def;
  if (def.type === "transform")
    return true;
  if (def.type === "array")
    return isTransforming(def.element, ctx);
  if (def.type === "set")
    return isTransforming(def.valueType, ctx);
  if (def.type === "lazy")
    return isTransforming(def.getter(), ctx);
  if (def.type === "promise" || def.type === "optional" || def.type === "nonoptional" || def.type === "nullable" || def.type === "readonly" || def.type === "default" || def.type === "prefault" || def.type === "catch") {
    return isTransforming(def.innerType, ctx);
  }
  if (def.type === "intersection") {
    return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
  }
  if (def.type === "record" || def.type === "map") {
    return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
  }
  if (def.type === "pipe") {
    if (_schema._zod.traits.has("$ZodCodec"))
      return true;
    return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
  }
  if (def.type === "object") {
    for (const key in def.shape) {
      if (isTransforming(def.shape[key], ctx))
        return true;
    }
    return false;
  }
  if (def.type === "union") {
    for (const option of def.options) {
      if (isTransforming(option, ctx))
        return true;
    }
    return false;
  }
  if (def.type === "tuple") {
    for (const item of def.items) {
      if (isTransforming(item, ctx))
        return true;
    }
    if (def.rest && isTransforming(def.rest, ctx))
      return true;
    return false;
  }
  return false;
}
__name(isTransforming, "isTransforming");
var createToJSONSchemaMethod = /* @__PURE__ */ __name((schema, processors = {}) => (params) => {
  const ctx = initializeContext({ ...params, processors });
  processSchema(schema, ctx);
  extractDefs(ctx, schema);
  return finalize(ctx, schema);
}, "createToJSONSchemaMethod");
var createStandardJSONSchemaMethod = /* @__PURE__ */ __name((schema, io, processors = {}) => (params) => {
  const { libraryOptions, target } = params ?? {};
  const ctx = initializeContext({ ...libraryOptions ?? {}, target, io, processors });
  processSchema(schema, ctx);
  extractDefs(ctx, schema);
  return finalize(ctx, schema);
}, "createStandardJSONSchemaMethod");

// node_modules/zod/v4/core/json-schema-processors.js
var narrowMin = /* @__PURE__ */ __name((agg, key, value) => {
  if (agg[key] === void 0 || value > agg[key])
    agg[key] = value;
}, "narrowMin");
var narrowMax = /* @__PURE__ */ __name((agg, key, value) => {
  if (agg[key] === void 0 || value < agg[key])
    agg[key] = value;
}, "narrowMax");
var narrowBoth = /* @__PURE__ */ __name((agg, value) => {
  narrowMin(agg, "minimum", value);
  narrowMax(agg, "maximum", value);
}, "narrowBoth");
var addDivisor = /* @__PURE__ */ __name((agg, value) => {
  agg.multipleOf ?? (agg.multipleOf = []);
  if (!agg.multipleOf.includes(value))
    agg.multipleOf.push(value);
}, "addDivisor");
var addPattern = /* @__PURE__ */ __name((agg, pattern) => {
  agg.patterns ?? (agg.patterns = /* @__PURE__ */ new Set());
  agg.patterns.add(pattern);
}, "addPattern");
var intersectMime = /* @__PURE__ */ __name((agg, mime) => {
  agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
}, "intersectMime");
var setFormat = /* @__PURE__ */ __name((agg, format) => {
  agg.format = format;
  if (format.includes("int"))
    agg.isInt = true;
}, "setFormat");
var minContributor = /* @__PURE__ */ __name((agg, def) => narrowMin(agg, "minimum", def.minimum), "minContributor");
var maxContributor = /* @__PURE__ */ __name((agg, def) => narrowMax(agg, "maximum", def.maximum), "maxContributor");
var formatContributor = /* @__PURE__ */ __name((ranges) => (agg, def) => {
  setFormat(agg, def.format);
  const [minimum, maximum] = ranges[def.format];
  narrowMin(agg, "minimum", minimum);
  narrowMax(agg, "maximum", maximum);
}, "formatContributor");
var contributors = {
  greater_than: /* @__PURE__ */ __name((agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value), "greater_than"),
  less_than: /* @__PURE__ */ __name((agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value), "less_than"),
  multiple_of: /* @__PURE__ */ __name((agg, def) => addDivisor(agg, def.value), "multiple_of"),
  number_format: formatContributor(NUMBER_FORMAT_RANGES),
  bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
  min_length: minContributor,
  max_length: maxContributor,
  length_equals: /* @__PURE__ */ __name((agg, def) => narrowBoth(agg, def.length), "length_equals"),
  min_size: minContributor,
  max_size: maxContributor,
  size_equals: /* @__PURE__ */ __name((agg, def) => narrowBoth(agg, def.size), "size_equals"),
  string_format: /* @__PURE__ */ __name((agg, def) => {
    setFormat(agg, def.format);
    if (def.pattern)
      addPattern(agg, def.pattern);
    if (def.format === "base64" || def.format === "base64url")
      agg.contentEncoding = def.format;
    if (def.local || def.precision === -1)
      agg.laxFormat = true;
  }, "string_format"),
  mime_type: /* @__PURE__ */ __name((agg, def) => intersectMime(agg, def.mime), "mime_type")
};
function aggregateChecks(schema) {
  const agg = {};
  const def = schema._zod.def;
  const list = schema._zod.traits.has("$ZodCheck") ? [schema, ...def.checks ?? []] : def.checks ?? [];
  for (const ch of list)
    contributors[ch._zod.def.check]?.(agg, ch._zod.def);
  const bag = schema._zod.bag;
  if (bag.minimum !== void 0)
    narrowMin(agg, "minimum", bag.minimum);
  if (bag.exclusiveMinimum !== void 0)
    narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
  if (bag.maximum !== void 0)
    narrowMax(agg, "maximum", bag.maximum);
  if (bag.exclusiveMaximum !== void 0)
    narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
  if (bag.multipleOf !== void 0)
    addDivisor(agg, bag.multipleOf);
  if (bag.format !== void 0) {
    agg.format ?? (agg.format = bag.format);
    if (bag.format.includes("int"))
      agg.isInt = true;
  }
  if (bag.mime)
    intersectMime(agg, bag.mime);
  for (const pattern of bag.patterns ?? [])
    addPattern(agg, pattern);
  return agg;
}
__name(aggregateChecks, "aggregateChecks");
var formatMap = {
  guid: "uuid",
  url: "uri",
  datetime: "date-time",
  json_string: "json-string",
  regex: ""
  // do not set
};
var exactPatterns = /* @__PURE__ */ new Map([
  [base64Charset, base64],
  [base64urlCharset, base64url]
]);
var exactPattern = /* @__PURE__ */ __name((p) => exactPatterns.get(p) ?? p, "exactPattern");
var stringProcessor = /* @__PURE__ */ __name((schema, ctx, _json, _params) => {
  const json = _json;
  json.type = "string";
  const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
  if (typeof minimum === "number")
    json.minLength = minimum;
  if (typeof maximum === "number")
    json.maxLength = maximum;
  if (format) {
    json.format = formatMap[format] ?? format;
    if (json.format === "")
      delete json.format;
    if (format === "time" || laxFormat) {
      delete json.format;
    }
  }
  if (contentEncoding)
    json.contentEncoding = contentEncoding;
  if (patterns && patterns.size > 0) {
    const patternList = [...patterns].map(exactPattern);
    if (patternList.length === 1)
      json.pattern = patternList[0].source;
    else if (patternList.length > 1) {
      json.allOf = [
        ...patternList.map((regex) => ({
          ...ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0" ? { type: "string" } : {},
          pattern: regex.source
        }))
      ];
    }
  }
}, "stringProcessor");
var numberProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const json = _json;
  const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
  json.type = isInt ? "integer" : "number";
  const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
  const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
  const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
  if (exMin) {
    if (legacy) {
      json.minimum = exclusiveMinimum;
      json.exclusiveMinimum = true;
    } else {
      json.exclusiveMinimum = exclusiveMinimum;
    }
  } else if (typeof minimum === "number") {
    json.minimum = minimum;
  }
  if (exMax) {
    if (legacy) {
      json.maximum = exclusiveMaximum;
      json.exclusiveMaximum = true;
    } else {
      json.exclusiveMaximum = exclusiveMaximum;
    }
  } else if (typeof maximum === "number") {
    json.maximum = maximum;
  }
  if (multipleOf) {
    const divisors = /* @__PURE__ */ new Set();
    for (const divisor of multipleOf) {
      if (Number.isFinite(divisor) && divisor !== 0)
        divisors.add(Math.abs(divisor));
      else
        handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
    }
    const [first, ...rest] = divisors;
    if (first !== void 0)
      json.multipleOf = first;
    if (rest.length)
      json.allOf = [...json.allOf ?? [], ...rest.map((m) => ({ multipleOf: m }))];
  }
}, "numberProcessor");
var booleanProcessor = /* @__PURE__ */ __name((_schema, _ctx, json, _params) => {
  json.type = "boolean";
}, "booleanProcessor");
var nullProcessor = /* @__PURE__ */ __name((_schema, ctx, json, _params) => {
  if (ctx.target === "openapi-3.0") {
    json.type = "string";
    json.nullable = true;
    json.enum = [null];
  } else {
    json.type = "null";
  }
}, "nullProcessor");
var neverProcessor = /* @__PURE__ */ __name((_schema, _ctx, json, _params) => {
  json.not = {};
}, "neverProcessor");
var unknownProcessor = /* @__PURE__ */ __name((_schema, _ctx, _json, _params) => {
}, "unknownProcessor");
var enumProcessor = /* @__PURE__ */ __name((schema, _ctx, json, _params) => {
  const def = schema._zod.def;
  const values = getEnumValues(def.entries);
  if (values.length === 0) {
    json.not = {};
    return;
  }
  if (values.every((v) => typeof v === "number"))
    json.type = "number";
  if (values.every((v) => typeof v === "string"))
    json.type = "string";
  json.enum = values;
}, "enumProcessor");
var literalProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  if (def.values.length === 0) {
    json.not = {};
    return;
  }
  const vals = [];
  for (const val of def.values) {
    if (val === void 0) {
      if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
        return;
    } else if (typeof val === "bigint") {
      if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
        return;
      vals.push(Number(val));
    } else {
      vals.push(val);
    }
  }
  if (vals.length === 0) {
  } else if (vals.length === 1) {
    const val = vals[0];
    json.type = val === null ? "null" : typeof val;
    if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
      json.enum = [val];
    } else {
      json.const = val;
    }
  } else {
    if (vals.every((v) => typeof v === "number"))
      json.type = "number";
    if (vals.every((v) => typeof v === "string"))
      json.type = "string";
    if (vals.every((v) => typeof v === "boolean"))
      json.type = "boolean";
    if (vals.every((v) => v === null))
      json.type = "null";
    json.enum = vals;
  }
}, "literalProcessor");
var customProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
}, "customProcessor");
var transformProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
}, "transformProcessor");
var arrayProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const json = _json;
  const def = schema._zod.def;
  const { minimum, maximum } = aggregateChecks(schema);
  if (typeof minimum === "number")
    json.minItems = minimum;
  if (typeof maximum === "number")
    json.maxItems = maximum;
  json.type = "array";
  json.items = processSchema(def.element, ctx, {
    ...params,
    path: [...params.path, "items"]
  });
}, "arrayProcessor");
function inputOptin(schema) {
  const def = schema._zod.def;
  if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
    return inputOptin(def.out);
  }
  if (def.type === "catch") {
    return inputOptin(def.innerType);
  }
  return schema._zod.optin;
}
__name(inputOptin, "inputOptin");
var objectProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const json = _json;
  const def = schema._zod.def;
  const shape = def.shape;
  const symbolKeys = Object.getOwnPropertySymbols(shape);
  if (symbolKeys.length && handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
    return;
  }
  json.type = "object";
  json.properties = {};
  for (const key in shape) {
    assignProp(json.properties, key, processSchema(shape[key], ctx, {
      ...params,
      path: [...params.path, "properties", key]
    }));
  }
  const requiredKeys = [];
  for (const key of Object.keys(shape)) {
    const field = def.shape[key];
    if (ctx.io === "input" ? inputOptin(field) === void 0 : field._zod.optout === void 0) {
      requiredKeys.push(key);
    }
  }
  if (requiredKeys.length > 0) {
    json.required = requiredKeys;
  }
  if (def.catchall?._zod.def.type === "never") {
    json.additionalProperties = false;
  } else if (!def.catchall) {
    if (ctx.io === "output")
      json.additionalProperties = false;
  } else if (def.catchall) {
    json.additionalProperties = processSchema(def.catchall, ctx, {
      ...params,
      path: [...params.path, "additionalProperties"]
    });
  }
}, "objectProcessor");
var unionProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  const isExclusive = def.inclusive === false;
  const options = def.options.map((x, i) => processSchema(x, ctx, {
    ...params,
    path: [...params.path, isExclusive ? "oneOf" : "anyOf", i]
  }));
  if (isExclusive) {
    json.oneOf = options;
  } else {
    json.anyOf = options;
  }
}, "unionProcessor");
var intersectionProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  const a = processSchema(def.left, ctx, {
    ...params,
    path: [...params.path, "allOf", 0]
  });
  const b = processSchema(def.right, ctx, {
    ...params,
    path: [...params.path, "allOf", 1]
  });
  const isSimpleIntersection = /* @__PURE__ */ __name((val) => "allOf" in val && Object.keys(val).length === 1, "isSimpleIntersection");
  const allOf = [
    ...isSimpleIntersection(a) ? a.allOf : [a],
    ...isSimpleIntersection(b) ? b.allOf : [b]
  ];
  json.allOf = allOf;
  ctx.intersections.push(allOf);
}, "intersectionProcessor");
function stringifyKeyNames(bySchema, json, visited) {
  if (json.$ref) {
    if (visited.has(json))
      return json;
    visited.add(json);
    const def = bySchema.get(json)?.def;
    if (!def)
      return json;
    const inlined = stringifyKeyNames(bySchema, def, visited);
    return inlined === def ? json : inlined;
  }
  for (const keyword of ["anyOf", "oneOf"]) {
    const branches = json[keyword];
    if (!Array.isArray(branches))
      continue;
    const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
    if (mapped.some((branch, i) => branch !== branches[i]))
      json = { ...json, [keyword]: mapped };
  }
  const types = Array.isArray(json.type) ? json.type : [json.type];
  const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
  const values = json.enum ?? (json.const !== void 0 ? [json.const] : void 0);
  if (!numericType && !values?.some((v) => typeof v === "number"))
    return json;
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
  if (rest.enum)
    rest.enum = rest.enum.map((v) => typeof v === "number" ? String(v) : v);
  else if (typeof rest.const === "number")
    rest.const = String(rest.const);
  if (!numericType)
    return rest;
  rest.type = "string";
  if (!values)
    rest.pattern = (types.includes("number") ? number : integer).source;
  return rest;
}
__name(stringifyKeyNames, "stringifyKeyNames");
var pendingRecords = /* @__PURE__ */ new WeakMap();
function rewriteKeyNames(ctx) {
  const bySchema = /* @__PURE__ */ new Map();
  for (const entry of ctx.seen.values()) {
    if (entry.def && !bySchema.has(entry.schema))
      bySchema.set(entry.schema, entry);
  }
  const rewrites = /* @__PURE__ */ new Map();
  for (const record2 of pendingRecords.get(ctx) ?? []) {
    const seen = ctx.seen.get(record2);
    const names = (seen?.def ?? seen?.schema)?.propertyNames;
    if (!names || names === true || rewrites.has(names))
      continue;
    const rewritten = stringifyKeyNames(bySchema, names, /* @__PURE__ */ new Set());
    if (rewritten !== names)
      rewrites.set(names, rewritten);
  }
  if (!rewrites.size)
    return;
  for (const entry of ctx.seen.values()) {
    for (const carrier of [entry.schema, entry.def]) {
      const rewritten = carrier && rewrites.get(carrier.propertyNames);
      if (rewritten)
        carrier.propertyNames = rewritten;
    }
  }
}
__name(rewriteKeyNames, "rewriteKeyNames");
var recordProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const json = _json;
  const def = schema._zod.def;
  json.type = "object";
  const keyType = def.keyType;
  const patterns = aggregateChecks(keyType).patterns;
  if (def.mode === "loose" && patterns && patterns.size > 0) {
    const valueSchema = processSchema(def.valueType, ctx, {
      ...params,
      path: [...params.path, "patternProperties", "*"]
    });
    json.patternProperties = {};
    for (const pattern of patterns) {
      assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
    }
  } else {
    if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
      json.propertyNames = processSchema(def.keyType, ctx, {
        ...params,
        path: [...params.path, "propertyNames"]
      });
      let pending = pendingRecords.get(ctx);
      if (!pending) {
        pending = [];
        pendingRecords.set(ctx, pending);
        ctx.deferred.push(() => rewriteKeyNames(ctx));
      }
      pending.push(schema);
    }
    json.additionalProperties = processSchema(def.valueType, ctx, {
      ...params,
      path: [...params.path, "additionalProperties"]
    });
  }
  const keyValues = keyType._zod.values;
  const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== void 0;
  if (keyValues && !def.partial && !omittableOnInput) {
    const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
    if (validKeyValues.length > 0) {
      json.required = validKeyValues.map(String);
    }
  }
}, "recordProcessor");
var nullableProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  const inner = processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  if (ctx.target === "openapi-3.0") {
    seen.ref = def.innerType;
    json.nullable = true;
  } else {
    json.anyOf = [inner, { type: "null" }];
  }
}, "nullableProcessor");
var nonoptionalProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
}, "nonoptionalProcessor");
var UNREPRESENTABLE_DEFAULT = /* @__PURE__ */ Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
  let unrepresentable = false;
  const serialized = JSON.stringify(value, (_, val) => {
    if (typeof val !== "bigint")
      return val;
    unrepresentable = true;
    return null;
  });
  if (!unrepresentable)
    return JSON.parse(serialized);
  handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
  return UNREPRESENTABLE_DEFAULT;
}
__name(serializeDefaultValue, "serializeDefaultValue");
var defaultProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
  const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
  if (value !== UNREPRESENTABLE_DEFAULT)
    json.default = value;
}, "defaultProcessor");
var prefaultProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
  if (ctx.io !== "input")
    return;
  const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
  if (value !== UNREPRESENTABLE_DEFAULT)
    json._prefault = value;
}, "prefaultProcessor");
var catchProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
  let catchValue;
  try {
    catchValue = def.catchValue(void 0);
  } catch {
    handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
    return;
  }
  json.default = catchValue;
}, "catchProcessor");
var pipeProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const def = schema._zod.def;
  const inIsTransform = def.in._zod.traits.has("$ZodTransform");
  const innerType = ctx.io === "input" ? inIsTransform ? def.out : def.in : def.out;
  processSchema(innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = innerType;
}, "pipeProcessor");
var readonlyProcessor = /* @__PURE__ */ __name((schema, ctx, json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
  json.readOnly = true;
}, "readonlyProcessor");
var optionalProcessor = /* @__PURE__ */ __name((schema, ctx, _json, params) => {
  const def = schema._zod.def;
  processSchema(def.innerType, ctx, params);
  const seen = ctx.seen.get(schema);
  seen.ref = def.innerType;
}, "optionalProcessor");

// node_modules/zod/v4/classic/errors.js
var _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
function _lazyMethod(proto, key, make) {
  Object.defineProperty(proto, key, {
    configurable: true,
    enumerable: false,
    get() {
      const value = make(this);
      Object.defineProperty(this, key, { value, configurable: true, writable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(this, key, { value, configurable: true, writable: true });
    }
  });
}
__name(_lazyMethod, "_lazyMethod");
var initializer2 = /* @__PURE__ */ __name((inst, issues) => {
  $ZodError.init(inst, issues);
  inst.name = "ZodError";
  const proto = Object.getPrototypeOf(inst);
  if (_installedErrorProtos.has(proto))
    return;
  _installedErrorProtos.add(proto);
  _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
  _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
  _lazyMethod(proto, "addIssue", (self) => (issue2) => {
    self.issues.push(issue2);
    self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
  });
  _lazyMethod(proto, "addIssues", (self) => (issues2) => {
    self.issues.push(...issues2);
    self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
  });
  Object.defineProperty(proto, "isEmpty", {
    configurable: true,
    enumerable: false,
    get() {
      return this.issues.length === 0;
    }
  });
}, "initializer");
var ZodRealError = /* @__PURE__ */ $constructor("ZodError", initializer2, void 0, {
  Parent: Error
});

// node_modules/zod/v4/classic/parse.js
var parse = /* @__PURE__ */ _parse(ZodRealError);
var parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
var safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
var safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);
var encode = /* @__PURE__ */ _encode(ZodRealError);
var decode = /* @__PURE__ */ _decode(ZodRealError);
var encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
var decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
var safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
var safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
var safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
var safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

// node_modules/zod/v4/classic/schemas.js
function _ensureDefaultLocale() {
  if (!globalConfig.localeError)
    config(en_default());
}
__name(_ensureDefaultLocale, "_ensureDefaultLocale");
function _ensureDefaultMemoizer() {
  if (!globalConfig.memoizer)
    config({ memoizer: memoizer() });
}
__name(_ensureDefaultMemoizer, "_ensureDefaultMemoizer");
var ZodType = /* @__PURE__ */ $constructor("ZodType", (inst, def) => {
  _ensureDefaultLocale();
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
  return inst;
}, {
  check(...chks) {
    const def = this.def;
    return this.clone(util_exports.mergeDefs(def, {
      checks: [
        ...def.checks ?? [],
        ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }), { parent: true });
  },
  with(...chks) {
    return this.check(...chks);
  },
  clone(def, params) {
    return clone(this, def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  refine(check, params) {
    return this.check(refine(check, params));
  },
  superRefine(refinement, params) {
    return this.check(superRefine(refinement, params));
  },
  overwrite(fn) {
    return this.check(_overwrite(fn));
  },
  optional() {
    return optional(this);
  },
  exactOptional() {
    return exactOptional(this);
  },
  nullable() {
    return nullable(this);
  },
  nullish() {
    return optional(nullable(this));
  },
  nonoptional(params) {
    return nonoptional(this, params);
  },
  array() {
    return array(this);
  },
  or(arg) {
    return union([this, arg]);
  },
  and(arg) {
    return intersection(this, arg);
  },
  transform(tx) {
    return pipe(this, transform(tx));
  },
  default(d) {
    return _default(this, d);
  },
  prefault(d) {
    return prefault(this, d);
  },
  catch(params) {
    return _catch(this, params);
  },
  pipe(target) {
    return pipe(this, target);
  },
  readonly() {
    return readonly(this);
  },
  describe(description) {
    const cl = this.clone();
    globalRegistry.add(cl, { description });
    return cl;
  },
  meta(...args) {
    if (args.length === 0)
      return globalRegistry.get(this);
    const cl = this.clone();
    globalRegistry.add(cl, args[0]);
    return cl;
  },
  isOptional() {
    return this.safeParse(void 0).success;
  },
  isNullable() {
    return this.safeParse(null).success;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  },
  // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
  get "~standard"() {
    return util_exports.hide(this, "~standard", {
      ...standardProps(this),
      jsonSchema: {
        input: createStandardJSONSchemaMethod(this, "input"),
        output: createStandardJSONSchemaMethod(this, "output")
      }
    });
  },
  set "~standard"(value) {
    util_exports.own(this, "~standard", value);
  },
  parse: /* @__PURE__ */ __name(function _parse2(data, params) {
    return parse(this, data, params, { callee: _parse2 });
  }, "_parse"),
  parseAsync: /* @__PURE__ */ __name(async function _parseAsync2(data, params) {
    return await parseAsync(this, data, params, { callee: _parseAsync2 });
  }, "_parseAsync"),
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  async safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  // `spa` is an alias: same function object as `safeParseAsync`, as before.
  get spa() {
    return this?.safeParseAsync;
  },
  set spa(value) {
    util_exports.own(this, "spa", value);
  },
  validate(data, params) {
    return validate(this, data, params);
  },
  validateAsync(data, params) {
    return validateAsync(this, data, params);
  },
  encode: /* @__PURE__ */ __name(function _encode2(data, params) {
    return encode(this, data, params, { callee: _encode2 });
  }, "_encode"),
  decode: /* @__PURE__ */ __name(function _decode2(data, params) {
    return decode(this, data, params, { callee: _decode2 });
  }, "_decode"),
  encodeAsync: /* @__PURE__ */ __name(async function _encodeAsync2(data, params) {
    return await encodeAsync(this, data, params, { callee: _encodeAsync2 });
  }, "_encodeAsync"),
  decodeAsync: /* @__PURE__ */ __name(async function _decodeAsync2(data, params) {
    return await decodeAsync(this, data, params, { callee: _decodeAsync2 });
  }, "_decodeAsync"),
  safeEncode(data, params) {
    return safeEncode(this, data, params);
  },
  safeDecode(data, params) {
    return safeDecode(this, data, params);
  },
  async safeEncodeAsync(data, params) {
    return safeEncodeAsync(this, data, params);
  },
  async safeDecodeAsync(data, params) {
    return safeDecodeAsync(this, data, params);
  },
  toJSONSchema(params) {
    return createToJSONSchemaMethod(this, {})(params);
  },
  // Reads through to the registry on every access, so it must not cache.
  get description() {
    return globalRegistry.get(this)?.description;
  },
  // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
  get _def() {
    return this._zod.def;
  }
});
var _ZodString = /* @__PURE__ */ $constructor(
  "_ZodString",
  (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
  },
  /* @__PURE__ */ util_exports.derived({
    format: /* @__PURE__ */ __name((inst) => aggregateChecks(inst).format ?? null, "format"),
    minLength: /* @__PURE__ */ __name((inst) => aggregateChecks(inst).minimum ?? null, "minLength"),
    maxLength: /* @__PURE__ */ __name((inst) => aggregateChecks(inst).maximum ?? null, "maxLength")
  }, {
    regex(...args) {
      return this.check(_regex(...args));
    },
    includes(...args) {
      return this.check(_includes(...args));
    },
    startsWith(...args) {
      return this.check(_startsWith(...args));
    },
    endsWith(...args) {
      return this.check(_endsWith(...args));
    },
    min(...args) {
      return this.check(_minLength(...args));
    },
    max(...args) {
      return this.check(_maxLength(...args));
    },
    length(...args) {
      return this.check(_length(...args));
    },
    nonempty(...args) {
      return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
      return this.check(_lowercase(params));
    },
    uppercase(params) {
      return this.check(_uppercase(params));
    },
    trim() {
      return this.check(_trim());
    },
    normalize(...args) {
      return this.check(_normalize(...args));
    },
    toLowerCase() {
      return this.check(_toLowerCase());
    },
    toUpperCase() {
      return this.check(_toUpperCase());
    },
    slugify() {
      return this.check(_slugify());
    }
  })
);
var ZodString = /* @__PURE__ */ $constructor("ZodString", (inst, def) => {
  $ZodString.init(inst, def);
  _ZodString.init(inst, def);
}, {
  email(params) {
    return this.check(_email(ZodEmail, params));
  },
  url(params) {
    return this.check(_url(ZodURL, params));
  },
  jwt(params) {
    return this.check(_jwt(ZodJWT, params));
  },
  emoji(params) {
    return this.check(_emoji2(ZodEmoji, params));
  },
  guid(params) {
    return this.check(_guid(ZodGUID, params));
  },
  uuid(params) {
    return this.check(_uuid(ZodUUID, params));
  },
  uuidv4(params) {
    return this.check(_uuidv4(ZodUUID, params));
  },
  uuidv6(params) {
    return this.check(_uuidv6(ZodUUID, params));
  },
  uuidv7(params) {
    return this.check(_uuidv7(ZodUUID, params));
  },
  nanoid(params) {
    return this.check(_nanoid(ZodNanoID, params));
  },
  cuid(params) {
    return this.check(_cuid(ZodCUID, params));
  },
  cuid2(params) {
    return this.check(_cuid2(ZodCUID2, params));
  },
  ulid(params) {
    return this.check(_ulid(ZodULID, params));
  },
  base64(params) {
    return this.check(_base64(ZodBase64, params));
  },
  base64url(params) {
    return this.check(_base64url(ZodBase64URL, params));
  },
  xid(params) {
    return this.check(_xid(ZodXID, params));
  },
  ksuid(params) {
    return this.check(_ksuid(ZodKSUID, params));
  },
  ipv4(params) {
    return this.check(_ipv4(ZodIPv4, params));
  },
  ipv6(params) {
    return this.check(_ipv6(ZodIPv6, params));
  },
  cidrv4(params) {
    return this.check(_cidrv4(ZodCIDRv4, params));
  },
  cidrv6(params) {
    return this.check(_cidrv6(ZodCIDRv6, params));
  },
  e164(params) {
    return this.check(_e164(ZodE164, params));
  },
  datetime(params) {
    return this.check(_isoDateTime(ZodISODateTime, params));
  },
  date(params) {
    return this.check(_isoDate(ZodISODate, params));
  },
  time(params) {
    return this.check(_isoTime(ZodISOTime, params));
  },
  duration(params) {
    return this.check(_isoDuration(ZodISODuration, params));
  }
});
function string2(params) {
  return _string(ZodString, params);
}
__name(string2, "string");
var ZodStringFormat = /* @__PURE__ */ $constructor("ZodStringFormat", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  _ZodString.init(inst, def);
});
var ZodISODateTime = /* @__PURE__ */ $constructor("ZodISODateTime", (inst, def) => {
  $ZodISODateTime.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodISODate = /* @__PURE__ */ $constructor("ZodISODate", (inst, def) => {
  $ZodISODate.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodISOTime = /* @__PURE__ */ $constructor("ZodISOTime", (inst, def) => {
  $ZodISOTime.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodISODuration = /* @__PURE__ */ $constructor("ZodISODuration", (inst, def) => {
  $ZodISODuration.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodEmail = /* @__PURE__ */ $constructor("ZodEmail", (inst, def) => {
  $ZodEmail.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodGUID = /* @__PURE__ */ $constructor("ZodGUID", (inst, def) => {
  $ZodGUID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodUUID = /* @__PURE__ */ $constructor("ZodUUID", (inst, def) => {
  $ZodUUID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodURL = /* @__PURE__ */ $constructor("ZodURL", (inst, def) => {
  $ZodURL.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodEmoji = /* @__PURE__ */ $constructor("ZodEmoji", (inst, def) => {
  $ZodEmoji.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodNanoID = /* @__PURE__ */ $constructor("ZodNanoID", (inst, def) => {
  $ZodNanoID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodCUID = /* @__PURE__ */ $constructor("ZodCUID", (inst, def) => {
  $ZodCUID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodCUID2 = /* @__PURE__ */ $constructor("ZodCUID2", (inst, def) => {
  $ZodCUID2.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodULID = /* @__PURE__ */ $constructor("ZodULID", (inst, def) => {
  $ZodULID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodXID = /* @__PURE__ */ $constructor("ZodXID", (inst, def) => {
  $ZodXID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodKSUID = /* @__PURE__ */ $constructor("ZodKSUID", (inst, def) => {
  $ZodKSUID.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodIPv4 = /* @__PURE__ */ $constructor("ZodIPv4", (inst, def) => {
  $ZodIPv4.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodIPv6 = /* @__PURE__ */ $constructor("ZodIPv6", (inst, def) => {
  $ZodIPv6.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodCIDRv4 = /* @__PURE__ */ $constructor("ZodCIDRv4", (inst, def) => {
  $ZodCIDRv4.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodCIDRv6 = /* @__PURE__ */ $constructor("ZodCIDRv6", (inst, def) => {
  $ZodCIDRv6.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodBase64 = /* @__PURE__ */ $constructor("ZodBase64", (inst, def) => {
  $ZodBase64.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodBase64URL = /* @__PURE__ */ $constructor("ZodBase64URL", (inst, def) => {
  $ZodBase64URL.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodE164 = /* @__PURE__ */ $constructor("ZodE164", (inst, def) => {
  $ZodE164.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodJWT = /* @__PURE__ */ $constructor("ZodJWT", (inst, def) => {
  $ZodJWT.init(inst, def);
  ZodStringFormat.init(inst, def);
});
var ZodNumber = /* @__PURE__ */ $constructor(
  "ZodNumber",
  (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
  },
  /* @__PURE__ */ util_exports.derived({
    minValue: /* @__PURE__ */ __name((inst) => {
      const { minimum, exclusiveMinimum } = aggregateChecks(inst);
      return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    }, "minValue"),
    maxValue: /* @__PURE__ */ __name((inst) => {
      const { maximum, exclusiveMaximum } = aggregateChecks(inst);
      return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    }, "maxValue"),
    isInt: /* @__PURE__ */ __name((inst) => {
      const { isInt, multipleOf } = aggregateChecks(inst);
      return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    }, "isInt"),
    format: /* @__PURE__ */ __name((inst) => aggregateChecks(inst).format ?? null, "format")
  }, {
    gt(value, params) {
      return this.check(_gt(value, params));
    },
    gte(value, params) {
      return this.check(_gte(value, params));
    },
    min(value, params) {
      return this.check(_gte(value, params));
    },
    lt(value, params) {
      return this.check(_lt(value, params));
    },
    lte(value, params) {
      return this.check(_lte(value, params));
    },
    max(value, params) {
      return this.check(_lte(value, params));
    },
    int(params) {
      return this.check(int(params));
    },
    safe(params) {
      return this.check(int(params));
    },
    positive(params) {
      return this.check(_gt(0, params));
    },
    nonnegative(params) {
      return this.check(_gte(0, params));
    },
    negative(params) {
      return this.check(_lt(0, params));
    },
    nonpositive(params) {
      return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
      return this.check(_multipleOf(value, params));
    },
    step(value, params) {
      return this.check(_multipleOf(value, params));
    },
    finite() {
      return this;
    }
  })
);
function number2(params) {
  return _number(ZodNumber, params);
}
__name(number2, "number");
var ZodNumberFormat = /* @__PURE__ */ $constructor("ZodNumberFormat", (inst, def) => {
  $ZodNumberFormat.init(inst, def);
  ZodNumber.init(inst, def);
});
function int(params) {
  return _int(ZodNumberFormat, params);
}
__name(int, "int");
var ZodBoolean = /* @__PURE__ */ $constructor("ZodBoolean", (inst, def) => {
  $ZodBoolean.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function boolean2(params) {
  return _boolean(ZodBoolean, params);
}
__name(boolean2, "boolean");
var ZodNull = /* @__PURE__ */ $constructor("ZodNull", (inst, def) => {
  $ZodNull.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => nullProcessor(inst, ctx, json, params);
});
function _null3(params) {
  return _null2(ZodNull, params);
}
__name(_null3, "_null");
var ZodUnknown = /* @__PURE__ */ $constructor("ZodUnknown", (inst, def) => {
  $ZodUnknown.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
  return _unknown(ZodUnknown);
}
__name(unknown, "unknown");
var ZodNever = /* @__PURE__ */ $constructor("ZodNever", (inst, def) => {
  $ZodNever.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
  return _never(ZodNever, params);
}
__name(never, "never");
var ZodArray = /* @__PURE__ */ $constructor("ZodArray", (inst, def) => {
  _ensureDefaultMemoizer();
  $ZodArray.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
  inst.element = def.element;
}, {
  min(n2, params) {
    return this.check(_minLength(n2, params));
  },
  nonempty(params) {
    return this.check(_minLength(1, params));
  },
  max(n2, params) {
    return this.check(_maxLength(n2, params));
  },
  length(n2, params) {
    return this.check(_length(n2, params));
  },
  unwrap() {
    return this.element;
  }
});
function array(element2, params) {
  return _array(ZodArray, element2, params);
}
__name(array, "array");
var ZodObject = /* @__PURE__ */ $constructor("ZodObject", (inst, def) => {
  _ensureDefaultMemoizer();
  $ZodObjectJIT.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
  util_exports.installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
  keyof() {
    return _enum(Object.keys(this._zod.def.shape));
  },
  catchall(catchall) {
    return this.clone(util_exports.mergeDefs(this._zod.def, { catchall }));
  },
  passthrough() {
    return this.clone(util_exports.mergeDefs(this._zod.def, { catchall: unknown() }));
  },
  loose() {
    return this.clone(util_exports.mergeDefs(this._zod.def, { catchall: unknown() }));
  },
  strict() {
    return this.clone(util_exports.mergeDefs(this._zod.def, { catchall: never() }));
  },
  strip() {
    return this.clone(util_exports.mergeDefs(this._zod.def, { catchall: void 0 }));
  },
  extend(incoming) {
    return util_exports.extend(this, incoming);
  },
  safeExtend(incoming) {
    return util_exports.safeExtend(this, incoming);
  },
  merge(other) {
    return util_exports.merge(this, other);
  },
  pick(mask) {
    return util_exports.pick(this, mask);
  },
  omit(mask) {
    return util_exports.omit(this, mask);
  },
  partial(...args) {
    return util_exports.partial(ZodOptional, this, args[0]);
  },
  exactPartial(...args) {
    return util_exports.partial(ZodExactOptional, this, args[0], "exactPartial");
  },
  required(...args) {
    return util_exports.required(ZodNonOptional, this, args[0]);
  }
});
function object(shape, params) {
  const def = {
    type: "object",
    shape: shape ?? {},
    ...util_exports.normalizeParams(params)
  };
  return new ZodObject(def);
}
__name(object, "object");
function strictObject(shape, params) {
  return new ZodObject({
    type: "object",
    shape,
    catchall: never(),
    ...util_exports.normalizeParams(params)
  });
}
__name(strictObject, "strictObject");
function looseObject(shape, params) {
  return new ZodObject({
    type: "object",
    shape,
    catchall: unknown(),
    ...util_exports.normalizeParams(params)
  });
}
__name(looseObject, "looseObject");
var ZodUnion = /* @__PURE__ */ $constructor("ZodUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
  inst.options = def.options;
});
function union(options, params) {
  return new ZodUnion({
    type: "union",
    options,
    ...util_exports.normalizeParams(params)
  });
}
__name(union, "union");
var ZodIntersection = /* @__PURE__ */ $constructor("ZodIntersection", (inst, def) => {
  $ZodIntersection.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
  return new ZodIntersection({
    type: "intersection",
    left,
    right
  });
}
__name(intersection, "intersection");
var ZodRecord = /* @__PURE__ */ $constructor("ZodRecord", (inst, def) => {
  _ensureDefaultMemoizer();
  $ZodRecord.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
  inst.keyType = def.keyType;
  inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodRecord({
      type: "record",
      keyType: string2(),
      valueType: keyType,
      ...util_exports.normalizeParams(valueType)
    });
  }
  return new ZodRecord({
    type: "record",
    keyType,
    valueType,
    ...util_exports.normalizeParams(params)
  });
}
__name(record, "record");
var ZodEnum = /* @__PURE__ */ $constructor("ZodEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
  inst.enum = def.entries;
  inst.options = [...inst._zod.values];
  const keys = new Set(Object.keys(def.entries));
  inst.extract = (values, params) => {
    const newEntries = {};
    for (const value of values) {
      if (keys.has(value)) {
        newEntries[value] = def.entries[value];
      } else
        throw new Error(`Key ${value} not found in enum`);
    }
    return new ZodEnum({
      ...def,
      checks: [],
      ...util_exports.normalizeParams(params),
      entries: newEntries
    });
  };
  inst.exclude = (values, params) => {
    const newEntries = { ...def.entries };
    for (const value of values) {
      if (keys.has(value)) {
        delete newEntries[value];
      } else
        throw new Error(`Key ${value} not found in enum`);
    }
    return new ZodEnum({
      ...def,
      checks: [],
      ...util_exports.normalizeParams(params),
      entries: newEntries
    });
  };
});
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodEnum({
    type: "enum",
    entries,
    ...util_exports.normalizeParams(params)
  });
}
__name(_enum, "_enum");
var ZodLiteral = /* @__PURE__ */ $constructor("ZodLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
  inst.values = new Set(def.values);
  Object.defineProperty(inst, "value", {
    get() {
      if (def.values.length > 1) {
        throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
      }
      return def.values[0];
    }
  });
});
function literal(value, params) {
  return new ZodLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...util_exports.normalizeParams(params)
  });
}
__name(literal, "literal");
var ZodTransform = /* @__PURE__ */ $constructor("ZodTransform", (inst, def) => {
  _ensureDefaultMemoizer();
  $ZodTransform.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
  inst._zod.parse = (payload, _ctx) => {
    if (_ctx.direction === "backward") {
      throw new $ZodEncodeError(inst.constructor.name);
    }
    payload.addIssue = (issue2) => {
      if (typeof issue2 === "string") {
        payload.issues.push(util_exports.issue(issue2, payload.value, def));
      } else {
        const _issue = issue2;
        if (_issue.fatal)
          _issue.continue = false;
        _issue.code ?? (_issue.code = "custom");
        if (!("input" in _issue))
          _issue.input = payload.value;
        _issue.inst ?? (_issue.inst = inst);
        payload.issues.push(util_exports.issue(_issue));
      }
    };
    const output = def.transform(payload.value, payload);
    if (output instanceof Promise) {
      return output.then((output2) => {
        payload.value = output2;
        return payload;
      });
    }
    payload.value = output;
    return payload;
  };
});
function transform(fn) {
  return new ZodTransform({
    type: "transform",
    transform: fn
  });
}
__name(transform, "transform");
var ZodOptional = /* @__PURE__ */ $constructor("ZodOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
  return new ZodOptional({
    type: "optional",
    innerType
  });
}
__name(optional, "optional");
var ZodExactOptional = /* @__PURE__ */ $constructor("ZodExactOptional", (inst, def) => {
  $ZodExactOptional.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
  return new ZodExactOptional({
    type: "optional",
    innerType
  });
}
__name(exactOptional, "exactOptional");
var ZodNullable = /* @__PURE__ */ $constructor("ZodNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
  return new ZodNullable({
    type: "nullable",
    innerType
  });
}
__name(nullable, "nullable");
var ZodDefault = /* @__PURE__ */ $constructor("ZodDefault", (inst, def) => {
  $ZodDefault.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
  inst.removeDefault = inst.unwrap;
});
function _default(innerType, defaultValue) {
  return new ZodDefault({
    type: "default",
    innerType,
    get defaultValue() {
      return typeof defaultValue === "function" ? defaultValue() : util_exports.shallowClone(defaultValue);
    }
  });
}
__name(_default, "_default");
var ZodPrefault = /* @__PURE__ */ $constructor("ZodPrefault", (inst, def) => {
  $ZodPrefault.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
  return new ZodPrefault({
    type: "prefault",
    innerType,
    get defaultValue() {
      return typeof defaultValue === "function" ? defaultValue() : util_exports.shallowClone(defaultValue);
    }
  });
}
__name(prefault, "prefault");
var ZodNonOptional = /* @__PURE__ */ $constructor("ZodNonOptional", (inst, def) => {
  $ZodNonOptional.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
  return new ZodNonOptional({
    type: "nonoptional",
    innerType,
    ...util_exports.normalizeParams(params)
  });
}
__name(nonoptional, "nonoptional");
var ZodCatch = /* @__PURE__ */ $constructor("ZodCatch", (inst, def) => {
  $ZodCatch.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
  inst.removeCatch = inst.unwrap;
});
function _catch(innerType, catchValue) {
  return new ZodCatch({
    type: "catch",
    innerType,
    catchValue: typeof catchValue === "function" ? catchValue : util_exports.constantCatch(catchValue)
  });
}
__name(_catch, "_catch");
var ZodPipe = /* @__PURE__ */ $constructor("ZodPipe", (inst, def) => {
  $ZodPipe.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
  inst.in = def.in;
  inst.out = def.out;
});
function pipe(in_, out) {
  return new ZodPipe({
    type: "pipe",
    in: in_,
    out
    // ...util.normalizeParams(params),
  });
}
__name(pipe, "pipe");
var ZodReadonly = /* @__PURE__ */ $constructor("ZodReadonly", (inst, def) => {
  $ZodReadonly.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
  inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
  return new ZodReadonly({
    type: "readonly",
    innerType
  });
}
__name(readonly, "readonly");
var ZodCustom = /* @__PURE__ */ $constructor("ZodCustom", (inst, def) => {
  $ZodCustom.init(inst, def);
  ZodType.init(inst, def);
  inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
function refine(fn, _params = {}) {
  return _refine(ZodCustom, fn, _params);
}
__name(refine, "refine");
function superRefine(fn, params) {
  return _superRefine(fn, params);
}
__name(superRefine, "superRefine");

// node_modules/zod/v4/classic/iso.js
var iso_exports = {};
__export(iso_exports, {
  ZodISODate: () => ZodISODate,
  ZodISODateTime: () => ZodISODateTime,
  ZodISODuration: () => ZodISODuration,
  ZodISOTime: () => ZodISOTime,
  date: () => date2,
  datetime: () => datetime2,
  duration: () => duration2,
  time: () => time2
});
function datetime2(params) {
  return _isoDateTime(ZodISODateTime, params);
}
__name(datetime2, "datetime");
function date2(params) {
  return _isoDate(ZodISODate, params);
}
__name(date2, "date");
function time2(params) {
  return _isoTime(ZodISOTime, params);
}
__name(time2, "time");
function duration2(params) {
  return _isoDuration(ZodISODuration, params);
}
__name(duration2, "duration");

// functions/adapters/aws/s3-json.ts
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand
} from "@aws-sdk/client-s3";
function isMissing(error2) {
  const name = error2?.name;
  return error2 instanceof NoSuchKey || name === "NoSuchKey" || name === "NotFound";
}
__name(isMissing, "isMissing");
async function putJson(client, bucket, key, value) {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: "application/json"
    })
  );
}
__name(putJson, "putJson");
async function getJson(client, bucket, key) {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await response.Body.transformToString("utf8"));
  } catch (error2) {
    if (isMissing(error2)) return void 0;
    throw error2;
  }
}
__name(getJson, "getJson");
async function listKeys(client, bucket, prefix) {
  const keys = [];
  let token;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
    );
    for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
    token = page.IsTruncated ? page.NextContinuationToken : void 0;
  } while (token);
  return keys;
}
__name(listKeys, "listKeys");

// functions/adapters/aws/s3-staging-store.ts
import { GetObjectCommand as GetObjectCommand2 } from "@aws-sdk/client-s3";

// functions/engine/secrets.ts
var registered = /* @__PURE__ */ new Set();
var forms = [];
var SECRET_PARAMS = [
  "access_token",
  "api_key",
  "apikey",
  "token",
  "client_secret",
  "password",
  "refresh_token",
  "secret"
];
var REDACTED = "[redacted]";
var PARAMS = new RegExp(`([?&](?:${SECRET_PARAMS.join("|")})=)[^&#\\s"']*`, "gi");
function registerSecret(value) {
  if (!value || registered.has(value)) return;
  registered.add(value);
  const all = new Set(forms);
  for (const form of encodingsOf(value)) if (form) all.add(form);
  forms = [...all].sort((a, b) => b.length - a.length);
}
__name(registerSecret, "registerSecret");
function encodingsOf(secret) {
  const out = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2)
  ];
  const bytes = Buffer.from(secret, "utf8");
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), bytes]);
    const start = align === 0 ? 0 : 4;
    const end = Math.floor(encoded.length / 3) * 4;
    for (const alphabet of ["base64", "base64url"]) {
      const text = encoded.toString(alphabet);
      const core = text.slice(start, end);
      if (core.length >= 4) out.push(core);
      if (align === 0) out.push(text);
    }
  }
  return out;
}
__name(encodingsOf, "encodingsOf");
function containsSecret(text) {
  return forms.some((form) => text.includes(form));
}
__name(containsSecret, "containsSecret");
function redact(text) {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(PARAMS, `$1${REDACTED}`);
}
__name(redact, "redact");
function sanitizeUrl(url) {
  const parsed = new URL(url.toString());
  for (const [name, value] of [...parsed.searchParams]) {
    if (SECRET_PARAMS.includes(name.toLowerCase()) || containsSecret(value))
      parsed.searchParams.delete(name);
  }
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}
__name(sanitizeUrl, "sanitizeUrl");
function printable(text, options = {}) {
  return redact(text).replace(/\t/g, " ").replace(UNPRINTABLE, (c) => {
    if (c === "\n" && options.keepNewlines) return c;
    const code = c.charCodeAt(0);
    return code > 255 ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}
__name(printable, "printable");
var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// functions/engine/errors.ts
var ReportFetcherError = class extends Error {
  static {
    __name(this, "ReportFetcherError");
  }
  code;
  retryable;
  context;
  constructor(code, message, options = {}) {
    super(
      printable(message, { keepNewlines: true }),
      options.cause === void 0 ? void 0 : { cause: scrubCause(options.cause) }
    );
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? {};
  }
  /** The message prefixed with where it happened: "adcloud_main/advertiser 2024-05-01: …". */
  describe() {
    const { source, report, date: date3 } = this.context;
    const where = [source && report ? `${source}/${report}` : source ?? report, date3].filter(Boolean).join(" ");
    return where ? `${where}: ${this.message}` : this.message;
  }
  withContext(context) {
    Object.assign(this.context, { ...context, ...this.context });
    return this;
  }
};
var ConfigError = class extends ReportFetcherError {
  static {
    __name(this, "ConfigError");
  }
  constructor(message, options = {}) {
    super("CONFIG_INVALID", message, options);
  }
};
var InputError = class extends ReportFetcherError {
  static {
    __name(this, "InputError");
  }
  constructor(message) {
    super("INPUT_INVALID", message);
  }
};
var CredentialsError = class extends ReportFetcherError {
  static {
    __name(this, "CredentialsError");
  }
  constructor(message, context) {
    super("CREDENTIALS_MISSING", message, { context });
  }
};
var VendorHttpError = class extends ReportFetcherError {
  static {
    __name(this, "VendorHttpError");
  }
  status;
  vendorMessage;
  retryAfterMs;
  constructor(code, args) {
    super(
      code,
      `${args.method} ${args.url} answered HTTP ${args.status}${args.vendorMessage ? `: ${args.vendorMessage}` : ""}`,
      { retryable: args.retryable, context: args.context }
    );
    this.status = args.status;
    this.vendorMessage = printable(args.vendorMessage);
    this.retryAfterMs = args.retryAfterMs;
  }
};
var SchemaDriftError = class extends ReportFetcherError {
  static {
    __name(this, "SchemaDriftError");
  }
  field;
  constructor(message, args = {}) {
    super("SCHEMA_DRIFT", message, { context: args.context, cause: args.cause });
    this.field = args.field;
  }
};
var BudgetExceededError = class extends ReportFetcherError {
  static {
    __name(this, "BudgetExceededError");
  }
  budget;
  constructor(budget, message, options = {}) {
    super(
      options.code ?? "BUDGET_EXCEEDED",
      `${message} (budget limits.${budget}; raise it in the source's config if the vendor really needs more)`,
      { context: options.context }
    );
    this.budget = budget;
  }
};
var DeadlineError = class extends ReportFetcherError {
  static {
    __name(this, "DeadlineError");
  }
  deadline;
  resumeAt;
  constructor(args) {
    super("DEADLINE_EXCEEDED", `${args.message} (deadline ${args.deadline})`, { context: args.context });
    this.deadline = args.deadline;
    this.resumeAt = args.resumeAt;
  }
};
function toReportFetcherError(error2, context) {
  if (error2 instanceof ReportFetcherError) return context ? error2.withContext(context) : error2;
  const message = error2 instanceof Error ? error2.message : String(error2);
  return new ReportFetcherError("INTERNAL", message, { cause: error2, context });
}
__name(toReportFetcherError, "toReportFetcherError");
function scrubCause(cause) {
  if (cause instanceof ReportFetcherError) return cause;
  if (cause instanceof Error) {
    const safe = new Error(redact(cause.message));
    safe.name = cause.name;
    return safe;
  }
  return typeof cause === "string" ? redact(cause) : cause;
}
__name(scrubCause, "scrubCause");

// functions/engine/staging/ndjson-lines.ts
async function* linesWithEnd(chunks, maxLineChars = Number.POSITIVE_INFINITY) {
  const decoder2 = new TextDecoder();
  let rest = "";
  for await (const chunk of chunks) {
    rest += decoder2.decode(chunk, { stream: true });
    let start = 0;
    for (let end = rest.indexOf("\n"); end !== -1; end = rest.indexOf("\n", start)) {
      if (end - start > maxLineChars) throw lineTooLong(maxLineChars);
      const line = rest.slice(start, end);
      start = end + 1;
      if (line.trim() !== "") yield { line, terminated: true };
    }
    rest = rest.slice(start);
    if (rest.length > maxLineChars) throw lineTooLong(maxLineChars);
  }
  rest += decoder2.decode();
  if (rest.trim() !== "") yield { line: rest, terminated: false };
}
__name(linesWithEnd, "linesWithEnd");
async function* batches(items, size) {
  let batch = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
__name(batches, "batches");
async function* lines(chunks) {
  for await (const { line } of linesWithEnd(chunks)) yield line;
}
__name(lines, "lines");
function lineTooLong(max) {
  return new BudgetExceededError("maxLineBytes", `a line of the stream is longer than ${max} bytes`);
}
__name(lineTooLong, "lineTooLong");

// functions/engine/staging/ndjson-page-sink.ts
var FLUSH_CHARS = 1 << 20;
var encoder = new TextEncoder();
function ndjsonPageSink(rows, writeMeta) {
  let pending = "";
  return {
    async write(batch) {
      for (const row of batch) pending += `${JSON.stringify(row)}
`;
      if (pending.length > FLUSH_CHARS) {
        await rows.write(encoder.encode(pending));
        pending = "";
      }
    },
    async commit(meta2) {
      if (pending) await rows.write(encoder.encode(pending));
      pending = "";
      await rows.close();
      await writeMeta(meta2);
    },
    async abort() {
      pending = "";
      await rows.abort();
    }
  };
}
__name(ndjsonPageSink, "ndjsonPageSink");

// functions/engine/staging/staging-store.ts
function stagingPrefix(runId, partition) {
  if (!/^[A-Za-z0-9_.-]+$/.test(runId)) throw new Error(`run id "${runId}" has unsafe characters`);
  return `${runId}/${partition.table}/source=${partition.source}/dt=${partition.date}/`;
}
__name(stagingPrefix, "stagingPrefix");
function pageName(slice, ordinal) {
  return `${slice}/page-${String(ordinal).padStart(6, "0")}`;
}
__name(pageName, "pageName");

// functions/adapters/aws/s3-object-sink.ts
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand as PutObjectCommand2,
  UploadPartCommand
} from "@aws-sdk/client-s3";
var MIN_PART_BYTES = 5 * 1024 * 1024;
var DEFAULT_PART_BYTES = 8 * 1024 * 1024;
function s3ObjectSink(options) {
  const { client, bucket, key, contentType } = options;
  const partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? DEFAULT_PART_BYTES);
  let buffered = [];
  let bufferedBytes = 0;
  let total = 0;
  let uploadId;
  const parts = [];
  let finished = false;
  const takeBuffer = /* @__PURE__ */ __name(() => {
    const body = Buffer.concat(buffered, bufferedBytes);
    buffered = [];
    bufferedBytes = 0;
    return body;
  }, "takeBuffer");
  const uploadPart = /* @__PURE__ */ __name(async (body) => {
    uploadId ??= (await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType })
    )).UploadId;
    const PartNumber = parts.length + 1;
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: body })
    );
    parts.push({ ETag, PartNumber });
  }, "uploadPart");
  return {
    bytesWritten: /* @__PURE__ */ __name(() => total, "bytesWritten"),
    async write(chunk) {
      if (finished) throw new Error(`sink for s3://${bucket}/${key} is already closed`);
      buffered.push(chunk.slice());
      bufferedBytes += chunk.byteLength;
      total += chunk.byteLength;
      if (bufferedBytes >= partBytes) await uploadPart(takeBuffer());
    },
    async close() {
      if (finished) return;
      finished = true;
      try {
        if (uploadId === void 0) {
          await client.send(
            new PutObjectCommand2({ Bucket: bucket, Key: key, Body: takeBuffer(), ContentType: contentType })
          );
          return;
        }
        if (bufferedBytes > 0) await uploadPart(takeBuffer());
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts }
          })
        );
      } catch (error2) {
        await abortUpload();
        throw error2;
      }
    },
    async abort() {
      finished = true;
      buffered = [];
      bufferedBytes = 0;
      await abortUpload();
    }
  };
  async function abortUpload() {
    if (uploadId === void 0) return;
    const id = uploadId;
    uploadId = void 0;
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id })).catch(() => void 0);
  }
  __name(abortUpload, "abortUpload");
}
__name(s3ObjectSink, "s3ObjectSink");

// functions/adapters/aws/s3-staging-store.ts
var STAGING_ROOT = "_staging/";
var S3StagingStore = class {
  constructor(client, bucket) {
    this.client = client;
    this.bucket = bucket;
  }
  client;
  bucket;
  static {
    __name(this, "S3StagingStore");
  }
  prefix(runId, partition) {
    return `${STAGING_ROOT}${stagingPrefix(runId, partition)}`;
  }
  async writeManifest(manifest) {
    await putJson(
      this.client,
      this.bucket,
      `${this.prefix(manifest.runId, manifest.partition)}_manifest.json`,
      manifest
    );
  }
  readManifest(runId, partition) {
    return getJson(
      this.client,
      this.bucket,
      `${this.prefix(runId, partition)}_manifest.json`
    );
  }
  async openPage(runId, partition, slice, ordinal) {
    const base = `${this.prefix(runId, partition)}${pageName(slice, ordinal)}`;
    const rows = s3ObjectSink({
      client: this.client,
      bucket: this.bucket,
      key: `${base}.ndjson`,
      contentType: "application/x-ndjson"
    });
    const { client, bucket } = this;
    return ndjsonPageSink(rows, (meta2) => putJson(client, bucket, `${base}.meta.json`, meta2));
  }
  /**
   * How many pages of one slice are staged, from one LIST and no GETs: lets a fetcher skip the
   * full completeness check while its slice is visibly unfinished (a fan-out of n pages would
   * otherwise read n metas n times).
   */
  async stagedPageCount(runId, partition, slice) {
    const keys = await listKeys(this.client, this.bucket, `${this.prefix(runId, partition)}${slice}/`);
    return keys.filter((key) => key.endsWith(".meta.json")).length;
  }
  async listPages(runId, partition) {
    const keys = await listKeys(this.client, this.bucket, this.prefix(runId, partition));
    const metas = await Promise.all(
      keys.filter((key) => key.endsWith(".meta.json")).map((key) => getJson(this.client, this.bucket, key))
    );
    return metas.filter((meta2) => meta2 !== void 0);
  }
  async *readPage(runId, partition, slice, ordinal) {
    const response = await this.client.send(
      new GetObjectCommand2({
        Bucket: this.bucket,
        Key: `${this.prefix(runId, partition)}${pageName(slice, ordinal)}.ndjson`
      })
    );
    const body = response.Body;
    async function* parsed() {
      for await (const line of lines(body)) yield JSON.parse(line);
    }
    __name(parsed, "parsed");
    yield* batches(parsed(), 1e4);
  }
};

// functions/engine/partitions/key-set.ts
var KeySet = class {
  static {
    __name(this, "KeySet");
  }
  slots = new Float64Array(1 << 12);
  count = 0;
  /** Adds the key; false when it was already there. Keys are integers in [0, 2^53). */
  add(key) {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const stored = key + 1;
    const mask = this.slots.length - 1;
    for (let i = key % this.slots.length; ; i = i + 1 & mask) {
      const slot = this.slots[i];
      if (slot === 0) {
        this.slots[i] = stored;
        this.count++;
        return true;
      }
      if (slot === stored) return false;
    }
  }
  get size() {
    return this.count;
  }
  grow() {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const slot of old) if (slot !== 0) this.add(slot - 1);
  }
};

// functions/engine/partitions/row-digest.ts
function hash64(text) {
  let h1 = 3735928559;
  let h2 = 1103547991;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
__name(hash64, "hash64");
function hash53(text) {
  const [low, high] = hash64(text);
  return (high & 2097151) * 4294967296 + low;
}
__name(hash53, "hash53");
var RowDigest = class {
  constructor(columns) {
    this.columns = columns;
  }
  columns;
  static {
    __name(this, "RowDigest");
  }
  low = 0;
  high = 0;
  count = 0;
  add(row) {
    const [low, high] = hash64(canonical(row, this.columns));
    this.low = this.low + low >>> 0;
    this.high = this.high + high >>> 0;
    this.count++;
  }
  /** Adds another digest (of other rows): the digest of a union is the sum of its parts. */
  merge(hex) {
    this.high = this.high + Number.parseInt(hex.slice(0, 8), 16) >>> 0;
    this.low = this.low + Number.parseInt(hex.slice(8, 16), 16) >>> 0;
  }
  hex() {
    return this.high.toString(16).padStart(8, "0") + this.low.toString(16).padStart(8, "0");
  }
};
function canonical(row, columns) {
  let out = "[";
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) out += ",";
    const value = row[columns[i]];
    out += value === void 0 ? "null" : JSON.stringify(value);
  }
  return `${out}]`;
}
__name(canonical, "canonical");

// functions/engine/writers/ndjson-writer.ts
var FLUSH_BYTES = 1 << 20;
function createNdjsonWriter(schema, sink) {
  const names = schema.columns.map((c) => c.name);
  const encoder2 = new TextEncoder();
  let pending = "";
  let rowCount = 0;
  let byteCount = 0;
  const flush = /* @__PURE__ */ __name(async () => {
    if (!pending) return;
    const chunk = encoder2.encode(pending);
    pending = "";
    byteCount += chunk.byteLength;
    await sink.write(chunk);
  }, "flush");
  return {
    async write(rows) {
      for (const row of rows) {
        const ordered = {};
        for (const name of names) ordered[name] = row[name] ?? null;
        pending += `${JSON.stringify(ordered)}
`;
        if (pending.length >= FLUSH_BYTES) await flush();
      }
      rowCount += rows.length;
    },
    async finish() {
      await flush();
      await sink.close();
      return { rows: rowCount, bytes: byteCount };
    },
    async abort() {
      pending = "";
      await sink.abort();
    }
  };
}
__name(createNdjsonWriter, "createNdjsonWriter");

// node_modules/hyparquet-writer/src/bytewriter.js
var ByteWriter = class {
  static {
    __name(this, "ByteWriter");
  }
  /**
   * @param {number} [initalSize]
   */
  constructor(initalSize = 1024) {
    this.buffer = new ArrayBuffer(initalSize);
    this.view = new DataView(this.buffer);
    this.offset = 0;
    this.index = 0;
  }
  /**
   * @param {number} size
   */
  ensure(size) {
    if (this.index + size > this.buffer.byteLength) {
      const newSize = Math.max(this.buffer.byteLength * 2, this.index + size);
      const newBuffer = new ArrayBuffer(newSize);
      new Uint8Array(newBuffer).set(new Uint8Array(this.buffer));
      this.buffer = newBuffer;
      this.view = new DataView(this.buffer);
    }
  }
  finish() {
  }
  getBuffer() {
    return this.buffer.slice(0, this.index);
  }
  getBytes() {
    return new Uint8Array(this.buffer, 0, this.index);
  }
  /**
   * @param {number} value
   */
  appendUint8(value) {
    this.ensure(1);
    this.view.setUint8(this.index, value);
    this.offset++;
    this.index++;
  }
  /**
   * @param {number} value
   */
  appendUint32(value) {
    this.ensure(4);
    this.view.setUint32(this.index, value, true);
    this.offset += 4;
    this.index += 4;
  }
  /**
   * @param {number} value
   */
  appendInt32(value) {
    this.ensure(4);
    this.view.setInt32(this.index, value, true);
    this.offset += 4;
    this.index += 4;
  }
  /**
   * @param {bigint} value
   */
  appendInt64(value) {
    this.ensure(8);
    this.view.setBigInt64(this.index, BigInt(value), true);
    this.offset += 8;
    this.index += 8;
  }
  /**
   * @param {number} value
   */
  appendFloat32(value) {
    this.ensure(4);
    this.view.setFloat32(this.index, value, true);
    this.offset += 4;
    this.index += 4;
  }
  /**
   * @param {number} value
   */
  appendFloat64(value) {
    this.ensure(8);
    this.view.setFloat64(this.index, value, true);
    this.offset += 8;
    this.index += 8;
  }
  /**
   * @param {ArrayBuffer} value
   */
  appendBuffer(value) {
    this.appendBytes(new Uint8Array(value));
  }
  /**
   * @param {Uint8Array} value
   */
  appendBytes(value) {
    this.ensure(value.length);
    new Uint8Array(this.buffer, this.index, value.length).set(value);
    this.offset += value.length;
    this.index += value.length;
  }
  /**
   * Convert a 32-bit signed integer to varint (1-5 bytes).
   * Writes out groups of 7 bits at a time, setting high bit if more to come.
   *
   * @param {number} value
   */
  appendVarInt(value) {
    while (true) {
      if ((value & ~127) === 0) {
        this.appendUint8(value);
        return;
      } else {
        this.appendUint8(value & 127 | 128);
        value >>>= 7;
      }
    }
  }
  /**
   * Convert a bigint to varint (1-10 bytes for 64-bit range).
   *
   * @param {bigint} value
   */
  appendVarBigInt(value) {
    while (true) {
      if ((value & ~0x7fn) === 0n) {
        this.appendUint8(Number(value));
        return;
      } else {
        this.appendUint8(Number(value & 0x7fn | 0x80n));
        value >>= 7n;
      }
    }
  }
  /**
   * Convert number to zigzag encoding and write as varint.
   *
   * @param {number | bigint} value
   */
  appendZigZag(value) {
    if (typeof value === "number") {
      this.appendVarInt(value << 1 ^ value >> 31);
    } else {
      this.appendVarBigInt(value << 1n ^ value >> 63n);
    }
  }
};

// node_modules/hyparquet/src/constants.js
var ParquetTypes = [
  "BOOLEAN",
  "INT32",
  "INT64",
  "INT96",
  // deprecated
  "FLOAT",
  "DOUBLE",
  "BYTE_ARRAY",
  "FIXED_LEN_BYTE_ARRAY"
];
var Encodings = [
  "PLAIN",
  "GROUP_VAR_INT",
  // deprecated
  "PLAIN_DICTIONARY",
  "RLE",
  "BIT_PACKED",
  // deprecated
  "DELTA_BINARY_PACKED",
  "DELTA_LENGTH_BYTE_ARRAY",
  "DELTA_BYTE_ARRAY",
  "RLE_DICTIONARY",
  "BYTE_STREAM_SPLIT"
];
var FieldRepetitionTypes = [
  "REQUIRED",
  "OPTIONAL",
  "REPEATED"
];
var ConvertedTypes = [
  "UTF8",
  "MAP",
  "MAP_KEY_VALUE",
  "LIST",
  "ENUM",
  "DECIMAL",
  "DATE",
  "TIME_MILLIS",
  "TIME_MICROS",
  "TIMESTAMP_MILLIS",
  "TIMESTAMP_MICROS",
  "UINT_8",
  "UINT_16",
  "UINT_32",
  "UINT_64",
  "INT_8",
  "INT_16",
  "INT_32",
  "INT_64",
  "JSON",
  "BSON",
  "INTERVAL"
];
var CompressionCodecs = [
  "UNCOMPRESSED",
  "SNAPPY",
  "GZIP",
  "LZO",
  "BROTLI",
  "LZ4",
  "ZSTD",
  "LZ4_RAW"
];
var PageTypes = [
  "DATA_PAGE",
  "INDEX_PAGE",
  "DICTIONARY_PAGE",
  "DATA_PAGE_V2"
];
var EdgeInterpolationAlgorithms = [
  "SPHERICAL",
  "VINCENTY",
  "THOMAS",
  "ANDOYER",
  "KARNEY"
];

// node_modules/hyparquet/src/schema.js
function schemaTree(schema, rootIndex, path) {
  const element2 = schema[rootIndex];
  const children = [];
  let count = 1;
  if (element2.num_children) {
    while (children.length < element2.num_children) {
      const childElement = schema[rootIndex + count];
      const child = schemaTree(schema, rootIndex + count, [...path, childElement.name]);
      count += child.count;
      children.push(child);
    }
  }
  return { count, element: element2, children, path };
}
__name(schemaTree, "schemaTree");
function getSchemaPath(schema, name) {
  return getTreePath(schemaTree(schema, 0, []), name);
}
__name(getSchemaPath, "getSchemaPath");
function getTreePath(tree, name) {
  const path = [tree];
  for (const part of name) {
    const child = tree.children.find((child2) => child2.element.name === part);
    if (!child) throw new Error(`parquet schema element not found: ${name}`);
    path.push(child);
    tree = child;
  }
  return path;
}
__name(getTreePath, "getTreePath");

// node_modules/hyparquet/src/metadata.js
var defaultInitialFetchSize = 1 << 19;
var decoder = new TextDecoder();
function parquetSchema({ schema }) {
  return getSchemaPath(schema, [])[0];
}
__name(parquetSchema, "parquetSchema");

// node_modules/hyparquet-writer/src/schema.js
function schemaPathResolver(schema) {
  const root = parquetSchema({ schema });
  const childrenByName = /* @__PURE__ */ new Map();
  return (path) => {
    let tree = root;
    const schemaPath = [tree];
    for (const part of path) {
      let children = childrenByName.get(tree);
      if (!children) {
        children = /* @__PURE__ */ new Map();
        for (const child2 of tree.children) {
          if (!children.has(child2.element.name)) children.set(child2.element.name, child2);
        }
        childrenByName.set(tree, children);
      }
      const child = children.get(part);
      if (!child) throw new Error(`parquet schema element not found: ${path}`);
      schemaPath.push(child);
      tree = child;
    }
    return schemaPath;
  };
}
__name(schemaPathResolver, "schemaPathResolver");

// node_modules/hyparquet-writer/src/thrift.js
var STOP = 0;
var TRUE = 1;
var FALSE = 2;
var BYTE = 3;
var I32 = 5;
var I64 = 6;
var DOUBLE = 7;
var BINARY = 8;
var LIST = 9;
var STRUCT = 12;
var ThriftStruct = class {
  static {
    __name(this, "ThriftStruct");
  }
  /**
   * @param {ThriftField[]} fields
   */
  constructor(fields) {
    this.fields = fields;
  }
};
function serializeTCompactProtocol(writer, data) {
  writeElement(writer, STRUCT, data);
}
__name(serializeTCompactProtocol, "serializeTCompactProtocol");
function writeElement(writer, type, value) {
  if (type === TRUE) return;
  if (type === FALSE) return;
  if (type === BYTE && typeof value === "number") {
    writer.appendUint8(value);
  } else if (type === I32 && typeof value === "number") {
    writer.appendZigZag(value);
  } else if (type === I64 && typeof value === "bigint") {
    writer.appendZigZag(value);
  } else if (type === DOUBLE && typeof value === "number") {
    writer.appendFloat64(value);
  } else if (type === BINARY && typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    writer.appendVarInt(bytes.length);
    writer.appendBytes(bytes);
  } else if (type === BINARY && value instanceof Uint8Array) {
    writer.appendVarInt(value.byteLength);
    writer.appendBytes(value);
  } else if (type === LIST && Array.isArray(value)) {
    const elemType = getCompactTypeForList(value);
    if (value.length > 14) {
      writer.appendUint8(15 << 4 | elemType);
      writer.appendVarInt(value.length);
    } else {
      writer.appendUint8(value.length << 4 | elemType);
    }
    if (elemType === FALSE) {
      for (const v of value) {
        writer.appendUint8(v ? 1 : 0);
      }
    } else {
      for (const v of value) {
        writeElement(writer, elemType, v);
      }
    }
  } else if (type === STRUCT && value instanceof ThriftStruct) {
    let lastFid = 0;
    for (const [fid, fieldType, fieldValue] of value.fields) {
      if (fieldValue === void 0) continue;
      lastFid = writeStructField(writer, lastFid, fid, fieldType, fieldValue);
    }
    writer.appendUint8(STOP);
  } else if (type === STRUCT && typeof value === "object") {
    let lastFid = 0;
    for (const [k, v] of Object.entries(value)) {
      if (v === void 0) continue;
      const fid = parseInt(k.replace(/^field_/, ""), 10);
      if (Number.isNaN(fid)) {
        throw new Error(`thrift invalid field name: ${k}. Expected "field_###"`);
      }
      const t = getCompactTypeForValue(v);
      lastFid = writeStructField(writer, lastFid, fid, t, v);
    }
    writer.appendUint8(STOP);
  } else {
    throw new Error(`thrift invalid type ${type} for value ${value}`);
  }
}
__name(writeElement, "writeElement");
function writeStructField(writer, lastFid, fid, type, value) {
  const delta = fid - lastFid;
  if (delta <= 0) {
    throw new Error(`thrift non-monotonic field id: fid=${fid}, lastFid=${lastFid}`);
  }
  if (delta > 15) {
    writer.appendUint8(type);
    writer.appendZigZag(fid);
  } else {
    writer.appendUint8(delta << 4 | type);
  }
  writeElement(writer, type, value);
  return fid;
}
__name(writeStructField, "writeStructField");
function getCompactTypeForValue(value) {
  if (value === true) return TRUE;
  if (value === false) return FALSE;
  if (Number.isInteger(value)) return I32;
  if (typeof value === "number") return DOUBLE;
  if (typeof value === "bigint") return I64;
  if (typeof value === "string") return BINARY;
  if (value instanceof Uint8Array) return BINARY;
  if (Array.isArray(value)) return LIST;
  if (value && typeof value === "object") return STRUCT;
  throw new Error(`Cannot determine thrift compact type for: ${value}`);
}
__name(getCompactTypeForValue, "getCompactTypeForValue");
function getCompactTypeForList(value) {
  let elemType = 0;
  for (const v of value) {
    let t = getCompactTypeForValue(v);
    if (t === TRUE) t = FALSE;
    if (!elemType) elemType = t;
    if (elemType === DOUBLE && t === I32) t = DOUBLE;
    if (elemType === I32 && t === DOUBLE) elemType = DOUBLE;
    if (t !== elemType) {
      throw new Error(`thrift invalid type for list element: ${v} (expected type ${elemType})`);
    }
  }
  return elemType ?? BYTE;
}
__name(getCompactTypeForList, "getCompactTypeForList");

// node_modules/hyparquet-writer/src/unconvert.js
var dayMillis = 864e5;
function unconvertUuid(value) {
  if (value === void 0 || value === null) return;
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") {
    const uuidRegex = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
    if (!uuidRegex.test(value)) {
      throw new Error("UUID must be a valid UUID string");
    }
    value = value.replace(/-/g, "").toLowerCase();
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) {
      bytes[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
    }
    return bytes;
  }
  throw new Error("UUID must be a string or Uint8Array");
}
__name(unconvertUuid, "unconvertUuid");
var STATS_TRUNCATE_LENGTH = 16;
var utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function truncateStatistic(bytes, element2, isMax, length) {
  if (bytes.length <= length || !isTruncatable(element2)) return bytes;
  const truncated = isUtf8(element2) ? truncateUtf8(bytes, isMax, length) : truncateBytes(bytes, isMax, length);
  return truncated ?? bytes;
}
__name(truncateStatistic, "truncateStatistic");
function isTruncatable({ type, converted_type, logical_type }) {
  if (type !== "BYTE_ARRAY") return false;
  if (converted_type === "DECIMAL" || converted_type === "JSON" || converted_type === "BSON") return false;
  return logical_type?.type !== "JSON" && logical_type?.type !== "BSON";
}
__name(isTruncatable, "isTruncatable");
function isUtf8({ converted_type, logical_type }) {
  return converted_type === "UTF8" || converted_type === "ENUM" || logical_type?.type === "STRING" || logical_type?.type === "ENUM";
}
__name(isUtf8, "isUtf8");
function truncateBytes(bytes, isMax, length) {
  const prefix = new Uint8Array(bytes.subarray(0, length));
  if (!isMax) return prefix;
  let i = prefix.length - 1;
  while (i >= 0 && prefix[i] === 255) i--;
  if (i < 0) return void 0;
  const rounded = prefix.slice(0, i + 1);
  rounded[i] += 1;
  return rounded;
}
__name(truncateBytes, "truncateBytes");
function truncateUtf8(bytes, isMax, length) {
  let end = length;
  while (end > 0 && (bytes[end] & 192) === 128) end--;
  if (!isMax) return new Uint8Array(bytes.subarray(0, end));
  let text;
  try {
    text = utf8Decoder.decode(bytes.subarray(0, end));
  } catch {
    return truncateBytes(bytes, isMax, length);
  }
  const codePoints = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const encoder2 = new TextEncoder();
  for (let i = codePoints.length - 1; i >= 0; i--) {
    end--;
    while (end > 0 && (bytes[end] & 192) === 128) end--;
    const code = codePoints[i];
    if (code === 1114111) continue;
    const next = code === 55295 ? 57344 : code + 1;
    const suffix = encoder2.encode(String.fromCodePoint(next));
    if (end + suffix.length > length) continue;
    const rounded = new Uint8Array(end + suffix.length);
    rounded.set(bytes.subarray(0, end));
    rounded.set(suffix, end);
    return rounded;
  }
}
__name(truncateUtf8, "truncateUtf8");
function minMaxIsExact(value, element2, isMax, length) {
  if (value === void 0 || value === null) return void 0;
  if (!isTruncatable(element2)) return void 0;
  const bytes = value instanceof Uint8Array ? value : new TextEncoder().encode(value.toString());
  return truncateStatistic(bytes, element2, isMax, length) === bytes ? void 0 : false;
}
__name(minMaxIsExact, "minMaxIsExact");
function unconvertMinMax(value, element2, isMax, truncateLength = STATS_TRUNCATE_LENGTH) {
  if (value === void 0 || value === null) return void 0;
  const { type, converted_type } = element2;
  if (type === "BOOLEAN") return new Uint8Array([value ? 1 : 0]);
  if (element2.logical_type?.type === "UUID" && (typeof value === "string" || value instanceof Uint8Array)) {
    return unconvertUuid(value);
  }
  if (converted_type === "DECIMAL") {
    if (typeof value !== "number" && typeof value !== "bigint") {
      throw new Error("DECIMAL must be a number or bigint");
    }
    const factor = 10 ** (element2.scale || 0);
    const scaled = typeof value === "bigint" ? value : BigInt(Math.round(value * factor));
    const out = unconvertDecimal(element2, scaled);
    if (out instanceof Uint8Array) return out;
    if (typeof out === "number") {
      const buffer = new ArrayBuffer(4);
      new DataView(buffer).setInt32(0, out, true);
      return new Uint8Array(buffer);
    }
    if (typeof out === "bigint") {
      const buffer = new ArrayBuffer(8);
      new DataView(buffer).setBigInt64(0, out, true);
      return new Uint8Array(buffer);
    }
  }
  if (element2.logical_type?.type === "FLOAT16" && typeof value === "number") {
    return unconvertFloat16(value);
  }
  if (type === "BYTE_ARRAY" || type === "FIXED_LEN_BYTE_ARRAY") {
    const bytes = value instanceof Uint8Array ? value : new TextEncoder().encode(value.toString());
    return truncateStatistic(bytes, element2, isMax, truncateLength);
  }
  if (type === "FLOAT" && typeof value === "number") {
    const buffer = new ArrayBuffer(4);
    new DataView(buffer).setFloat32(0, value, true);
    return new Uint8Array(buffer);
  }
  if (type === "DOUBLE" && typeof value === "number") {
    const buffer = new ArrayBuffer(8);
    new DataView(buffer).setFloat64(0, value, true);
    return new Uint8Array(buffer);
  }
  if (type === "INT32" && typeof value === "number") {
    const buffer = new ArrayBuffer(4);
    new DataView(buffer).setInt32(0, value, true);
    return new Uint8Array(buffer);
  }
  if (type === "INT64" && (typeof value === "bigint" || typeof value === "number" && Number.isInteger(value))) {
    const buffer = new ArrayBuffer(8);
    new DataView(buffer).setBigInt64(0, BigInt(value), true);
    return new Uint8Array(buffer);
  }
  if (type === "INT32" && converted_type === "DATE" && value instanceof Date) {
    const buffer = new ArrayBuffer(4);
    new DataView(buffer).setInt32(0, Math.floor(value.getTime() / dayMillis), true);
    return new Uint8Array(buffer);
  }
  if (type === "INT64" && converted_type === "TIMESTAMP_MILLIS" && value instanceof Date) {
    const buffer = new ArrayBuffer(8);
    new DataView(buffer).setBigInt64(0, BigInt(value.getTime()), true);
    return new Uint8Array(buffer);
  }
  if (type === "INT64" && converted_type === "TIMESTAMP_MICROS" && value instanceof Date) {
    const buffer = new ArrayBuffer(8);
    new DataView(buffer).setBigInt64(0, BigInt(value.getTime() * 1e3), true);
    return new Uint8Array(buffer);
  }
  if (type === "INT64" && element2.logical_type?.type === "TIMESTAMP" && value instanceof Date) {
    const millis = BigInt(value.getTime());
    const { unit } = element2.logical_type;
    let bigintValue = millis;
    if (unit === "NANOS") bigintValue = millis * 1000000n;
    else if (unit === "MICROS") bigintValue = millis * 1000n;
    const buffer = new ArrayBuffer(8);
    new DataView(buffer).setBigInt64(0, bigintValue, true);
    return new Uint8Array(buffer);
  }
  throw new Error(`unsupported type for statistics: ${type} with value ${value}`);
}
__name(unconvertMinMax, "unconvertMinMax");
function unconvertStatistics(stats, element2, truncateLength = STATS_TRUNCATE_LENGTH) {
  return {
    field_1: unconvertMinMax(stats.max, element2, true, truncateLength),
    field_2: unconvertMinMax(stats.min, element2, false, truncateLength),
    field_3: stats.null_count,
    field_4: stats.distinct_count,
    field_5: unconvertMinMax(stats.max_value, element2, true, truncateLength),
    field_6: unconvertMinMax(stats.min_value, element2, false, truncateLength),
    field_7: stats.is_max_value_exact ?? minMaxIsExact(stats.max_value ?? stats.max, element2, true, truncateLength),
    field_8: stats.is_min_value_exact ?? minMaxIsExact(stats.min_value ?? stats.min, element2, false, truncateLength),
    field_9: stats.nan_count
  };
}
__name(unconvertStatistics, "unconvertStatistics");
function unconvertDecimal({ type, type_length }, value) {
  if (type === "INT32") return Number(value);
  if (type === "INT64") return value;
  if (type === "FIXED_LEN_BYTE_ARRAY" && !type_length) {
    throw new Error("fixed length byte array type_length is required");
  }
  if (!type_length && !value) return new Uint8Array();
  const bytes = [];
  while (true) {
    const byte = Number(value & 0xffn);
    bytes.unshift(byte);
    value >>= 8n;
    if (type_length) {
      if (bytes.length >= type_length) break;
    } else {
      const sign = byte & 128;
      if (!sign && value === 0n || sign && value === -1n) {
        break;
      }
    }
  }
  return new Uint8Array(bytes);
}
__name(unconvertDecimal, "unconvertDecimal");
function unconvertFloat16(value) {
  if (value === void 0 || value === null) return;
  if (typeof value !== "number") throw new Error("parquet float16 expected number value");
  if (Number.isNaN(value)) return new Uint8Array([0, 126]);
  const sign = value < 0 || Object.is(value, -0) ? 1 : 0;
  const abs = Math.abs(value);
  if (!isFinite(abs)) return new Uint8Array([0, sign << 7 | 124]);
  if (abs === 0) return new Uint8Array([0, sign << 7]);
  if (abs >= 65520) return new Uint8Array([0, sign << 7 | 124]);
  let exponent = -14;
  if (abs >= 2 ** -14) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, abs);
    exponent = (view.getUint32(0) >>> 20 & 2047) - 1023;
  }
  const scaled = abs / 2 ** (exponent - 10);
  let significand = Math.floor(scaled);
  const remainder = scaled - significand;
  if (remainder > 0.5 || remainder === 0.5 && significand % 2) significand++;
  const magnitude = abs < 2 ** -14 ? significand : (exponent + 14) * 1024 + significand;
  const bits16 = sign << 15 | magnitude;
  return new Uint8Array([bits16 & 255, bits16 >> 8]);
}
__name(unconvertFloat16, "unconvertFloat16");

// node_modules/hyparquet-writer/src/metadata.js
function writeMetadata(writer, metadata, statisticsTruncateLength) {
  const resolveSchemaPath = schemaPathResolver(metadata.schema);
  const compact = {
    field_1: metadata.version,
    field_2: metadata.schema.map((element2) => ({
      field_1: element2.type && ParquetTypes.indexOf(element2.type),
      field_2: element2.type_length,
      field_3: element2.repetition_type && FieldRepetitionTypes.indexOf(element2.repetition_type),
      field_4: element2.name,
      field_5: element2.num_children,
      field_6: element2.converted_type && ConvertedTypes.indexOf(element2.converted_type),
      field_7: element2.scale,
      field_8: element2.precision,
      field_9: element2.field_id,
      field_10: logicalType(element2.logical_type)
    })),
    field_3: metadata.num_rows,
    field_4: metadata.row_groups.map((rg) => ({
      field_1: rg.columns.map((c) => ({
        field_1: c.file_path,
        field_2: c.file_offset,
        field_3: c.meta_data && {
          field_1: ParquetTypes.indexOf(c.meta_data.type),
          field_2: c.meta_data.encodings.map((e) => Encodings.indexOf(e)),
          field_3: c.meta_data.path_in_schema,
          field_4: CompressionCodecs.indexOf(c.meta_data.codec),
          field_5: c.meta_data.num_values,
          field_6: c.meta_data.total_uncompressed_size,
          field_7: c.meta_data.total_compressed_size,
          field_8: c.meta_data.key_value_metadata && c.meta_data.key_value_metadata.map((kv) => ({
            field_1: kv.key,
            field_2: kv.value
          })),
          field_9: c.meta_data.data_page_offset,
          field_10: c.meta_data.index_page_offset,
          field_11: c.meta_data.dictionary_page_offset,
          field_12: c.meta_data.statistics && unconvertStatistics(
            c.meta_data.statistics,
            schemaElement(c.meta_data.path_in_schema),
            statisticsTruncateLength
          ),
          field_13: c.meta_data.encoding_stats && c.meta_data.encoding_stats.map((es) => ({
            field_1: PageTypes.indexOf(es.page_type),
            field_2: Encodings.indexOf(es.encoding),
            field_3: es.count
          })),
          field_14: c.meta_data.bloom_filter_offset,
          field_15: c.meta_data.bloom_filter_length,
          field_16: c.meta_data.size_statistics && {
            field_1: c.meta_data.size_statistics.unencoded_byte_array_data_bytes,
            field_2: c.meta_data.size_statistics.repetition_level_histogram,
            field_3: c.meta_data.size_statistics.definition_level_histogram
          },
          field_17: c.meta_data.geospatial_statistics && {
            field_1: c.meta_data.geospatial_statistics.bbox && thriftBoundingBox(c.meta_data.geospatial_statistics.bbox),
            field_2: c.meta_data.geospatial_statistics.geospatial_types
          }
        },
        field_4: c.offset_index_offset,
        field_5: c.offset_index_length,
        field_6: c.column_index_offset,
        field_7: c.column_index_length,
        // field_8: c.crypto_metadata,
        field_9: c.encrypted_column_metadata
      })),
      field_2: rg.total_byte_size,
      field_3: rg.num_rows,
      field_4: rg.sorting_columns && rg.sorting_columns.map((sc) => ({
        field_1: sc.column_idx,
        field_2: sc.descending,
        field_3: sc.nulls_first
      })),
      field_5: rg.file_offset,
      field_6: rg.total_compressed_size
      // field_7: rg.ordinal, // should be int16
    })),
    field_5: metadata.key_value_metadata && metadata.key_value_metadata.map((kv) => ({
      field_1: kv.key,
      field_2: kv.value
    })),
    field_6: metadata.created_by,
    field_7: metadata.schema.filter((element2) => element2.type).map(() => ({ field_1: {} }))
  };
  const metadataStart = writer.offset;
  serializeTCompactProtocol(writer, compact);
  const metadataLength = writer.offset - metadataStart;
  writer.appendUint32(metadataLength);
  function schemaElement(path) {
    const tree = resolveSchemaPath(path);
    return tree[tree.length - 1].element;
  }
  __name(schemaElement, "schemaElement");
}
__name(writeMetadata, "writeMetadata");
function thriftBoundingBox(bbox) {
  return new ThriftStruct([
    [1, DOUBLE, bbox.xmin],
    [2, DOUBLE, bbox.xmax],
    [3, DOUBLE, bbox.ymin],
    [4, DOUBLE, bbox.ymax],
    [5, DOUBLE, bbox.zmin],
    [6, DOUBLE, bbox.zmax],
    [7, DOUBLE, bbox.mmin],
    [8, DOUBLE, bbox.mmax]
  ]);
}
__name(thriftBoundingBox, "thriftBoundingBox");
function logicalType(type) {
  if (!type) return;
  if (type.type === "STRING") return { field_1: {} };
  if (type.type === "MAP") return { field_2: {} };
  if (type.type === "LIST") return { field_3: {} };
  if (type.type === "ENUM") return { field_4: {} };
  if (type.type === "DECIMAL") return { field_5: {
    field_1: type.scale,
    field_2: type.precision
  } };
  if (type.type === "DATE") return { field_6: {} };
  if (type.type === "TIME") return { field_7: {
    field_1: type.isAdjustedToUTC,
    field_2: timeUnit(type.unit)
  } };
  if (type.type === "TIMESTAMP") return { field_8: {
    field_1: type.isAdjustedToUTC,
    field_2: timeUnit(type.unit)
  } };
  if (type.type === "INTEGER") return { field_10: {
    field_1: type.bitWidth,
    field_2: type.isSigned
  } };
  if (type.type === "NULL") return { field_11: {} };
  if (type.type === "JSON") return { field_12: {} };
  if (type.type === "BSON") return { field_13: {} };
  if (type.type === "UUID") return { field_14: {} };
  if (type.type === "FLOAT16") return { field_15: {} };
  if (type.type === "VARIANT") return { field_16: {} };
  if (type.type === "GEOMETRY") return { field_17: {
    field_1: type.crs
  } };
  if (type.type === "GEOGRAPHY") return { field_18: {
    field_1: type.crs,
    field_2: type.algorithm && EdgeInterpolationAlgorithms.indexOf(type.algorithm)
  } };
}
__name(logicalType, "logicalType");
function timeUnit(unit) {
  if (unit === "NANOS") return { field_3: {} };
  if (unit === "MICROS") return { field_2: {} };
  return { field_1: {} };
}
__name(timeUnit, "timeUnit");

// functions/engine/schema/parquet-schema.ts
var PARQUET_TYPES = {
  string: { type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" } },
  bigint: { type: "INT64" },
  double: { type: "DOUBLE" },
  boolean: { type: "BOOLEAN" },
  date: { type: "INT32", converted_type: "DATE", logical_type: { type: "DATE" } },
  timestamp: {
    type: "INT64",
    converted_type: "TIMESTAMP_MICROS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" }
  }
};
function element(column2) {
  return {
    name: column2.name,
    ...PARQUET_TYPES[column2.type],
    repetition_type: column2.nullable ? "OPTIONAL" : "REQUIRED"
  };
}
__name(element, "element");
function parquetSchema2(schema) {
  return [{ name: "root", num_children: schema.columns.length }, ...schema.columns.map(element)];
}
__name(parquetSchema2, "parquetSchema");

// functions/engine/writers/parquet-columns.ts
import { gzipSync } from "node:zlib";

// node_modules/hyparquet-writer/src/datapage.js
function writePageHeader(writer, header) {
  const compact = {
    field_1: PageTypes.indexOf(header.type),
    field_2: header.uncompressed_page_size,
    field_3: header.compressed_page_size,
    field_4: header.crc,
    field_5: header.data_page_header && {
      field_1: header.data_page_header.num_values,
      field_2: Encodings.indexOf(header.data_page_header.encoding),
      field_3: Encodings.indexOf(header.data_page_header.definition_level_encoding),
      field_4: Encodings.indexOf(header.data_page_header.repetition_level_encoding)
      // field_5: header.data_page_header.statistics,
    },
    field_7: header.dictionary_page_header && {
      field_1: header.dictionary_page_header.num_values,
      field_2: Encodings.indexOf(header.dictionary_page_header.encoding)
    },
    field_8: header.data_page_header_v2 && {
      field_1: header.data_page_header_v2.num_values,
      field_2: header.data_page_header_v2.num_nulls,
      field_3: header.data_page_header_v2.num_rows,
      field_4: Encodings.indexOf(header.data_page_header_v2.encoding),
      field_5: header.data_page_header_v2.definition_levels_byte_length,
      field_6: header.data_page_header_v2.repetition_levels_byte_length,
      field_7: header.data_page_header_v2.is_compressed ? void 0 : false
      // default true
    }
  };
  serializeTCompactProtocol(writer, compact);
}
__name(writePageHeader, "writePageHeader");

// functions/engine/writers/parquet-columns.ts
var PAGE_BYTES = 1 << 20;
var DAY_MS = 864e5;
var utf8 = new TextEncoder();
function createColumnBuffer(column2, element2, capacity) {
  switch (column2.type) {
    case "string":
      return new StringBuffer(column2, element2, capacity);
    case "boolean":
      return new BooleanBuffer(column2, element2, capacity);
    default:
      return new NumberBuffer(column2, element2, capacity);
  }
}
__name(createColumnBuffer, "createColumnBuffer");
function rowExtractor(buffers) {
  const lines2 = [];
  buffers.forEach((buffer, k) => {
    const key = JSON.stringify(buffer.column.name);
    const slot = buffer.slots;
    lines2.push(`v = r[${key}]; L${k}[j] = v === null || v === undefined ? 0 : 1;`);
    if (slot instanceof Uint8Array) lines2.push(`V${k}[j] = v === true ? 1 : 0;`);
    else if (slot instanceof Float64Array) lines2.push(`V${k}[j] = v === null || v === undefined ? 0 : v;`);
    else lines2.push(`V${k}[j] = v === undefined ? null : v;`);
  });
  const hoist = buffers.map((_, k) => `const L${k} = L[${k}], V${k} = V[${k}];`).join("\n");
  const body = `${hoist}
return (rows, from, count, at) => {
  let v;
  for (let i = 0; i < count; i++) {
    const r = rows[from + i];
    const j = at + i;
    ${lines2.join("\n    ")}
  }
};`;
  const make = new Function("L", "V", body);
  return make(
    buffers.map((b) => b.levels),
    buffers.map((b) => b.slots)
  );
}
__name(rowExtractor, "rowExtractor");
function dictionaryLimit(capacity) {
  return Math.min(1 << 16, Math.max(64, capacity >>> 2));
}
__name(dictionaryLimit, "dictionaryLimit");
function countNulls(buffer, from, to) {
  let nulls = 0;
  const levels = buffer.levels;
  for (let i = from; i < to; i++) nulls += 1 - levels[i];
  if (nulls > 0 && !buffer.column.nullable)
    throw new TypeError(`column ${buffer.column.name} is not nullable but a row has no value`);
  return nulls;
}
__name(countNulls, "countNulls");
var NumberBuffer = class {
  constructor(column2, element2, capacity) {
    this.column = column2;
    this.element = element2;
    this.levels = new Uint8Array(capacity);
    this.values = new Float64Array(capacity);
    this.indexes = new Int32Array(capacity);
    this.limit = dictionaryLimit(capacity);
    this.physical = element2.type;
    this.convert = converter(column2.type);
    this.slots = this.convert ? new Array(capacity).fill(null) : this.values;
    this.dictionary = new NumberDictionary(this.limit);
  }
  column;
  element;
  static {
    __name(this, "NumberBuffer");
  }
  levels;
  slots;
  values;
  nulls = 0;
  dictionary;
  indexes;
  limit;
  physical;
  convert;
  ingest(from, to) {
    this.nulls += countNulls(this, from, to);
    const values = this.values;
    const levels = this.levels;
    if (this.convert) {
      const texts = this.slots;
      for (let i = from; i < to; i++) {
        if (levels[i] === 1) values[i] = this.convert(texts[i]);
        texts[i] = null;
      }
    }
    const dictionary = this.dictionary;
    if (!dictionary) return;
    const indexes = this.indexes;
    let last = Number.NaN;
    let lastIndex = -1;
    for (let i = from; i < to; i++) {
      if (levels[i] === 0) continue;
      const value = values[i];
      if (value === last && value !== 0) {
        indexes[i] = lastIndex;
        continue;
      }
      const index = dictionary.indexOf(value);
      if (index < 0) {
        this.dictionary = void 0;
        return;
      }
      indexes[i] = index;
      last = value;
      lastIndex = index;
    }
  }
  encode(out, n2) {
    const width = this.physical === "INT32" ? 4 : 8;
    const nulls = this.nulls;
    const levels = this.levels;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let present = 0;
    const nonNull = nulls === 0 ? this.values.subarray(0, n2) : new Float64Array(n2 - nulls);
    for (let i = 0; i < n2; i++) {
      if (levels[i] === 0) continue;
      const v = this.values[i];
      if (nulls > 0) nonNull[present] = v;
      present++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const dictionary = this.dictionary;
    const useDictionary = dictionary !== void 0 && dictionary.size * width + present * bitWidthOf(dictionary.size) / 8 < present * width / 2;
    const write = /* @__PURE__ */ __name((page, values) => writeNumbers(page, values, this.physical), "write");
    const presence = this.column.nullable ? levels.subarray(0, n2) : void 0;
    let result;
    if (useDictionary) {
      const entries = dictionary.entries();
      result = writeChunk(out, this, n2, presence, {
        dictionary: { count: dictionary.size, write: /* @__PURE__ */ __name((page) => write(page, entries), "write") },
        indexes: compactIndexes(this.indexes, levels, n2, nulls)
      });
    } else {
      result = writeChunk(out, this, n2, presence, {
        plain: {
          count: present,
          bytesPerValue: width,
          write: /* @__PURE__ */ __name((page, from, to) => write(page, nonNull.subarray(from, to)), "write")
        }
      });
    }
    result.chunk.meta_data.statistics = {
      null_count: BigInt(nulls),
      ...present > 0 && !Number.isNaN(min) ? { min_value: min === 0 ? -0 : min, max_value: max === 0 ? 0 : max } : {}
    };
    this.nulls = 0;
    this.dictionary ??= new NumberDictionary(this.limit);
    this.dictionary.clear();
    return result;
  }
};
var NumberDictionary = class {
  /** Holds up to `limit` distinct values; indexOf answers -1 past that. */
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  static {
    __name(this, "NumberDictionary");
  }
  keys = new Float64Array(64);
  /** index + 1 of the key in each slot; 0 = empty. */
  slots = new Int32Array(64);
  order = new Float64Array(32);
  mask = 63;
  lanes = new Int32Array(2);
  lane = new Float64Array(this.lanes.buffer);
  size = 0;
  indexOf(value) {
    let slot = this.slotOf(value);
    for (; ; ) {
      const held = this.slots[slot];
      if (held === 0) break;
      if (this.keys[slot] === value && (value !== 0 || 1 / this.keys[slot] === 1 / value)) return held - 1;
      slot = slot + 1 & this.mask;
    }
    if (this.size >= this.limit) return -1;
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.slotOf(value);
      while (this.slots[slot] !== 0) slot = slot + 1 & this.mask;
    }
    if (this.size === this.order.length) {
      const order = new Float64Array(this.order.length * 2);
      order.set(this.order);
      this.order = order;
    }
    this.keys[slot] = value;
    this.order[this.size] = value;
    this.slots[slot] = ++this.size;
    return this.size - 1;
  }
  entries() {
    return this.order.subarray(0, this.size);
  }
  slotOf(value) {
    this.lane[0] = value;
    return Math.imul(this.lanes[0] ^ Math.imul(this.lanes[1], 2654435761), 2246822507) >>> 15 & this.mask;
  }
  grow() {
    const capacity = this.slots.length * 2;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < this.size; index++) {
      const value = this.order[index];
      let slot = this.slotOf(value);
      while (this.slots[slot] !== 0) slot = slot + 1 & this.mask;
      this.keys[slot] = value;
      this.slots[slot] = index + 1;
    }
  }
  clear() {
    this.slots.fill(0);
    this.size = 0;
  }
};
function writeHybrid(out, values, bitWidth) {
  const n2 = values.length;
  const byteWidth = bitWidth + 7 >> 3;
  out.ensure(Math.ceil(n2 * bitWidth / 8) + (Math.ceil(n2 / 8) + 1) * (6 + byteWidth));
  const bytes = new Uint8Array(out.buffer);
  const start = out.index;
  let at = start;
  const varint = /* @__PURE__ */ __name((value) => {
    while (value > 127) {
      bytes[at++] = value & 127 | 128;
      value >>>= 7;
    }
    bytes[at++] = value;
  }, "varint");
  let groupStart = 0;
  let groups = 0;
  const flushPacked = /* @__PURE__ */ __name(() => {
    varint(groups << 1 | 1);
    let buffer = 0;
    let bits = 0;
    const end = groupStart + groups * 8;
    for (let i2 = groupStart; i2 < end; i2++) {
      buffer |= (i2 < n2 ? values[i2] : 0) << bits;
      bits += bitWidth;
      while (bits >= 8) {
        bytes[at++] = buffer & 255;
        buffer >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) bytes[at++] = buffer & 255;
    groups = 0;
  }, "flushPacked");
  let i = 0;
  while (i < n2) {
    const value = values[i];
    let run = 1;
    while (i + run < n2 && values[i + run] === value) run++;
    if (run >= 8) {
      if (groups > 0) flushPacked();
      varint(run << 1);
      for (let b = 0; b < byteWidth; b++) bytes[at++] = value >>> b * 8 & 255;
      i += run;
    } else {
      if (groups === 0) groupStart = i;
      groups++;
      i += 8;
    }
  }
  if (groups > 0) flushPacked();
  out.offset += at - start;
  out.index = at;
  return at - start;
}
__name(writeHybrid, "writeHybrid");
function bitWidthOf(entries) {
  return Math.max(1, Math.ceil(Math.log2(Math.max(1, entries))));
}
__name(bitWidthOf, "bitWidthOf");
function compactIndexes(indexes, levels, n2, nulls) {
  if (nulls === 0) return indexes.subarray(0, n2);
  const out = new Int32Array(n2 - nulls);
  let j = 0;
  for (let k = 0; k < n2; k++) if (levels[k] === 1) out[j++] = indexes[k];
  return out;
}
__name(compactIndexes, "compactIndexes");
function converter(type) {
  if (type !== "date" && type !== "timestamp") return void 0;
  const parse2 = type === "date" ? (text) => Date.parse(`${text}T00:00:00Z`) / DAY_MS : (text) => Date.parse(text) * 1e3;
  let lastText = "";
  let last = 0;
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      last = parse2(text);
    }
    return last;
  };
}
__name(converter, "converter");
function writeNumbers(page, values, physical) {
  let bytes;
  if (physical === "DOUBLE") {
    bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  } else if (physical === "INT32") {
    bytes = new Uint8Array(Int32Array.from(values).buffer);
  } else {
    const halves = new Int32Array(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const high = Math.floor(v / 4294967296);
      halves[2 * i] = v - high * 4294967296;
      halves[2 * i + 1] = high;
    }
    bytes = new Uint8Array(halves.buffer);
  }
  page.appendBytes(bytes);
}
__name(writeNumbers, "writeNumbers");
var StringBuffer = class {
  constructor(column2, element2, capacity) {
    this.column = column2;
    this.element = element2;
    this.levels = new Uint8Array(capacity);
    this.slots = new Array(capacity).fill(null);
    this.indexes = new Int32Array(capacity);
    this.limit = dictionaryLimit(capacity);
  }
  column;
  element;
  static {
    __name(this, "StringBuffer");
  }
  levels;
  slots;
  nulls = 0;
  dictionary = /* @__PURE__ */ new Map();
  indexes;
  limit;
  ingest(from, to) {
    this.nulls += countNulls(this, from, to);
    const dictionary = this.dictionary;
    if (!dictionary) return;
    const values = this.slots;
    const indexes = this.indexes;
    let last;
    let lastIndex = -1;
    for (let i = from; i < to; i++) {
      const value = values[i];
      if (value === null || value === void 0) continue;
      if (value === last) {
        indexes[i] = lastIndex;
        continue;
      }
      let index = dictionary.get(value);
      if (index === void 0) {
        index = dictionary.size;
        if (index >= this.limit) {
          this.dictionary = void 0;
          return;
        }
        dictionary.set(value, index);
      }
      indexes[i] = index;
      last = value;
      lastIndex = index;
    }
  }
  encode(out, n2) {
    const levels = this.levels;
    const nulls = this.nulls;
    const present = n2 - nulls;
    const dictionary = this.dictionary;
    const presence = this.column.nullable ? levels.subarray(0, n2) : void 0;
    let result;
    let min;
    let max;
    const consider = /* @__PURE__ */ __name((v) => {
      if (min === void 0 || compareCodePoints(v, min) < 0) min = v;
      if (max === void 0 || compareCodePoints(v, max) > 0) max = v;
    }, "consider");
    if (dictionary && dictionary.size * 2 <= present) {
      const entries = [...dictionary.keys()];
      for (const v of entries) consider(v);
      result = writeChunk(out, this, n2, presence, {
        dictionary: { count: entries.length, write: /* @__PURE__ */ __name((page) => writeStrings(page, entries), "write") },
        indexes: compactIndexes(this.indexes, levels, n2, nulls)
      });
    } else {
      const nonNull = new Array(present);
      let j = 0;
      let chars = 0;
      for (let k = 0; k < n2; k++) {
        const v = this.slots[k];
        if (v === null || v === void 0) continue;
        nonNull[j++] = v;
        chars += v.length;
        consider(v);
      }
      result = writeChunk(out, this, n2, presence, {
        plain: {
          count: present,
          bytesPerValue: 4 + (present > 0 ? chars / present : 0),
          write: /* @__PURE__ */ __name((page, from, to) => writeStrings(page, nonNull.slice(from, to)), "write")
        }
      });
    }
    result.chunk.meta_data.statistics = {
      null_count: BigInt(nulls),
      ...min !== void 0 ? { min_value: min, max_value: max } : {}
    };
    this.slots.fill(null, 0, n2);
    this.nulls = 0;
    this.dictionary = /* @__PURE__ */ new Map();
    return result;
  }
};
function writeStrings(page, values) {
  for (const value of values) {
    const ascii = isAscii(value);
    const bytes = ascii ? void 0 : utf8.encode(value);
    const length = bytes ? bytes.length : value.length;
    page.ensure(4 + length);
    page.view.setUint32(page.index, length, true);
    let at = page.index + 4;
    if (bytes) {
      new Uint8Array(page.buffer, at, length).set(bytes);
    } else {
      for (let i = 0; i < length; i++) page.view.setUint8(at + i, value.charCodeAt(i));
    }
    at += length;
    page.offset += at - page.index;
    page.index = at;
  }
}
__name(writeStrings, "writeStrings");
function isAscii(text) {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
__name(isAscii, "isAscii");
function compareCodePoints(a, b) {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x - y;
    if (x > 65535) i++;
  }
  return a.length - b.length;
}
__name(compareCodePoints, "compareCodePoints");
var BooleanBuffer = class {
  constructor(column2, element2, capacity) {
    this.column = column2;
    this.element = element2;
    this.levels = new Uint8Array(capacity);
    this.slots = new Uint8Array(capacity);
  }
  column;
  element;
  static {
    __name(this, "BooleanBuffer");
  }
  levels;
  slots;
  nulls = 0;
  ingest(from, to) {
    this.nulls += countNulls(this, from, to);
  }
  encode(out, n2) {
    const levels = this.levels;
    const nulls = this.nulls;
    const nonNull = new Uint8Array(n2 - nulls);
    let j = 0;
    let anyTrue = false;
    let anyFalse = false;
    for (let k = 0; k < n2; k++) {
      if (levels[k] === 0) continue;
      const v = this.slots[k];
      nonNull[j++] = v;
      if (v) anyTrue = true;
      else anyFalse = true;
    }
    const result = writeChunk(out, this, n2, this.column.nullable ? levels.subarray(0, n2) : void 0, {
      plain: {
        count: nonNull.length,
        bytesPerValue: 1 / 8,
        write: /* @__PURE__ */ __name((page, from, to) => {
          const bits = nonNull.subarray(from, to);
          const bytes = new Uint8Array(Math.ceil(bits.length / 8));
          for (let i = 0; i < bits.length; i++) if (bits[i]) bytes[i >>> 3] |= 1 << (i & 7);
          page.appendBytes(bytes);
        }, "write")
      }
    });
    result.chunk.meta_data.statistics = {
      null_count: BigInt(nulls),
      ...anyTrue || anyFalse ? { min_value: !anyFalse, max_value: anyTrue } : {}
    };
    this.nulls = 0;
    return result;
  }
};
function writeChunk(out, buffer, rows, presence, values) {
  const start = out.offset;
  let uncompressed = 0;
  let dictionaryOffset;
  const scratch = new PageScratch();
  if (values.dictionary) {
    dictionaryOffset = BigInt(out.offset);
    const page = scratch.take();
    values.dictionary.write(page);
    uncompressed += writePage(out, page, {
      type: "DICTIONARY_PAGE",
      dictionary_page_header: { num_values: values.dictionary.count, encoding: "PLAIN" }
    });
  }
  const dataOffset = BigInt(out.offset);
  const indexes = values.indexes;
  const bitWidth = indexes ? Math.max(1, Math.ceil(Math.log2(Math.max(1, values.dictionary.count)))) : 0;
  const bytesPerRow = indexes ? bitWidth / 8 : values.plain.bytesPerValue;
  const rowsPerPage = Math.max(1, Math.floor(PAGE_BYTES / Math.max(bytesPerRow, 1 / 8)));
  let valueAt = 0;
  for (let from = 0; from < rows || from === 0; from += rowsPerPage) {
    const to = Math.min(rows, from + rowsPerPage);
    let present = to - from;
    const page = scratch.take();
    if (presence) {
      const levels = presence.subarray(from, to);
      present = 0;
      for (let i = 0; i < levels.length; i++) present += levels[i];
      const lengthAt = page.index;
      page.appendUint32(0);
      const length = writeHybrid(page, levels, 1);
      page.view.setUint32(lengthAt, length, true);
    }
    if (indexes) {
      page.appendUint8(bitWidth);
      writeHybrid(page, indexes.subarray(valueAt, valueAt + present), bitWidth);
    } else {
      values.plain.write(page, valueAt, valueAt + present);
    }
    valueAt += present;
    uncompressed += writePage(out, page, {
      type: "DATA_PAGE",
      data_page_header: {
        num_values: to - from,
        encoding: indexes ? "RLE_DICTIONARY" : "PLAIN",
        definition_level_encoding: "RLE",
        repetition_level_encoding: "RLE"
      }
    });
    if (rows === 0) break;
  }
  const encodings = indexes ? ["PLAIN", "RLE", "RLE_DICTIONARY"] : ["PLAIN", "RLE"];
  return {
    uncompressedBytes: uncompressed,
    chunk: {
      file_offset: BigInt(start),
      meta_data: {
        type: buffer.element.type,
        encodings,
        path_in_schema: [buffer.column.name],
        codec: "GZIP",
        num_values: BigInt(rows),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(out.offset - start),
        data_page_offset: dataOffset,
        ...dictionaryOffset !== void 0 ? { dictionary_page_offset: dictionaryOffset } : {}
      }
    }
  };
}
__name(writeChunk, "writeChunk");
var PageScratch = class {
  static {
    __name(this, "PageScratch");
  }
  page = new ByteWriter(1 << 16);
  take() {
    this.page.index = 0;
    this.page.offset = 0;
    return this.page;
  }
};
function writePage(out, page, header) {
  const body = new Uint8Array(page.buffer, 0, page.index);
  const compressed = gzipSync(body, { level: 1 });
  const headerStart = out.offset;
  writePageHeader(out, {
    ...header,
    uncompressed_page_size: body.length,
    compressed_page_size: compressed.length
  });
  const headerBytes = out.offset - headerStart;
  out.appendBytes(compressed);
  return headerBytes + body.length;
}
__name(writePage, "writePage");

// functions/engine/writers/parquet-writer.ts
var DEFAULT_PARQUET_OPTIONS = { rowGroupSize: 5e4 };
var MAGIC = 827474256;
function createParquetWriter(schema, sink, options = DEFAULT_PARQUET_OPTIONS) {
  const elements = parquetSchema2(schema);
  const capacity = options.rowGroupSize;
  const buffers = schema.columns.map(
    (column2, i) => createColumnBuffer(column2, elements[i + 1], capacity)
  );
  const extract = rowExtractor(buffers);
  const out = new ByteWriter(1 << 20);
  const rowGroups = [];
  let buffered = 0;
  let rowCount = 0;
  let flushed = 0;
  out.appendUint32(MAGIC);
  const flush = /* @__PURE__ */ __name(async () => {
    if (out.index === 0) return;
    const chunk = new Uint8Array(out.buffer, 0, out.index).slice();
    out.index = 0;
    flushed += chunk.byteLength;
    await sink.write(chunk);
  }, "flush");
  async function writeGroup() {
    if (buffered === 0) return;
    const start = out.offset;
    const columns = [];
    let uncompressed = 0;
    for (const buffer of buffers) {
      const { chunk, uncompressedBytes } = buffer.encode(out, buffered);
      columns.push(chunk);
      uncompressed += uncompressedBytes;
    }
    rowGroups.push({
      columns,
      num_rows: BigInt(buffered),
      total_byte_size: BigInt(uncompressed),
      total_compressed_size: BigInt(out.offset - start),
      file_offset: BigInt(start)
    });
    buffered = 0;
    await flush();
  }
  __name(writeGroup, "writeGroup");
  return {
    async write(rows) {
      for (let from = 0; from < rows.length; ) {
        const take = Math.min(rows.length - from, capacity - buffered);
        extract(rows, from, take, buffered);
        for (const buffer of buffers) buffer.ingest(buffered, buffered + take);
        buffered += take;
        from += take;
        if (buffered >= capacity) await writeGroup();
      }
      rowCount += rows.length;
    },
    async finish() {
      await writeGroup();
      writeMetadata(out, {
        version: 2,
        created_by: "report-fetcher",
        schema: elements,
        num_rows: BigInt(rowCount),
        row_groups: rowGroups,
        metadata_length: 0
      });
      out.appendUint32(MAGIC);
      await flush();
      await sink.close();
      return { rows: rowCount, bytes: flushed };
    },
    async abort() {
      buffered = 0;
      await sink.abort();
    }
  };
}
__name(createParquetWriter, "createParquetWriter");

// functions/engine/writers/create-writer.ts
function createTableWriter(format, schema, sink, parquet = DEFAULT_PARQUET_OPTIONS) {
  return format === "parquet" ? createParquetWriter(schema, sink, parquet) : createNdjsonWriter(schema, sink);
}
__name(createTableWriter, "createTableWriter");

// functions/engine/run/commit-partition.ts
function findMissing(manifest, pages2) {
  for (const slice of manifest.slices) {
    const own2 = pages2.filter((p) => p.slice === slice.key);
    const have = new Set(own2.map((p) => p.ordinal));
    const known = own2.find((p) => p.totalPages !== void 0)?.totalPages;
    const last = own2.find((p) => p.isLast)?.ordinal;
    const count = known ?? (last !== void 0 ? last + 1 : void 0);
    if (count === void 0) return `slice ${slice.key}: last page not fetched yet (${own2.length} staged)`;
    for (let ordinal = 0; ordinal < count; ordinal++) {
      if (!have.has(ordinal)) return `slice ${slice.key}: page ${ordinal + 1} of ${count} not staged`;
    }
  }
  return void 0;
}
__name(findMissing, "findMissing");
async function commitPartition(runtime, task) {
  const partition = runtime.partition(task.report, task.date);
  const context = { source: runtime.settings.name, report: task.report, date: task.date };
  const { staging, lake } = runtime.deps;
  const manifest = await staging.readManifest(task.runId, partition);
  if (!manifest) return { status: "incomplete", missing: "the partition was not planned in this run" };
  const pages2 = await staging.listPages(task.runId, partition);
  const missing = findMissing(manifest, pages2);
  if (missing) return { status: "incomplete", missing };
  const ordered = manifest.slices.flatMap(
    (slice) => pages2.filter((p) => p.slice === slice.key).sort((a, b) => a.ordinal - b.ordinal).filter((p, i, all) => i === 0 || all[i - 1].ordinal !== p.ordinal)
  );
  for (const slice of manifest.slices) {
    const own2 = ordered.filter((p) => p.slice === slice.key);
    const expected = slice.totalItems ?? own2.find((p) => p.totalItems !== void 0)?.totalItems;
    const actual = own2.reduce((sum, p) => sum + p.rows, 0);
    if (expected !== void 0 && expected !== actual) {
      throw new ReportFetcherError(
        "COUNT_MISMATCH",
        `slice ${slice.key}: the vendor announced ${expected} rows but its pages held ${actual}`,
        {
          context
        }
      );
    }
  }
  const claim2 = await runtime.deps.commitGuard?.claim(partition, task.runId);
  if (claim2 && !claim2.granted) {
    if (claim2.reason === "superseded") return { status: "superseded", by: claim2.by };
    throw new ReportFetcherError("INTERNAL", `the partition is being committed by run ${claim2.by}`, {
      retryable: true,
      context
    });
  }
  try {
    const record2 = await writePartition(runtime, task, partition, ordered, context);
    await claim2?.release({ rows: record2.rows, bytes: record2.bytes, committedAt: record2.committedAt });
    return {
      status: "committed",
      ...record2,
      location: lake.locate(partition, record2.format),
      requests: ordered.reduce((s2, p) => s2 + p.requests, 0),
      retries: ordered.reduce((s2, p) => s2 + p.retries, 0),
      throttled: ordered.reduce((s2, p) => s2 + p.throttled, 0)
    };
  } catch (error2) {
    await claim2?.release().catch(() => void 0);
    throw error2;
  }
}
__name(commitPartition, "commitPartition");
async function writePartition(runtime, task, partition, ordered, context) {
  const report = runtime.report(task.report);
  const { staging, lake } = runtime.deps;
  const columns = report.schema.columns.map((c) => c.name);
  const digest = new RowDigest(columns);
  const digestedAtStaging = new Set(ordered.filter((p) => p.digest !== void 0));
  for (const page of digestedAtStaging) digest.merge(page.digest);
  const seenKeys = new KeySet();
  const format = runtime.settings.format;
  const writer = createTableWriter(format, report.schema, await lake.openPartition(partition, format));
  try {
    for (const page of ordered) {
      for await (const rows of staging.readPage(task.runId, partition, page.slice, page.ordinal)) {
        for (const row of rows) {
          const key = hash53(canonical(row, report.uniqueKey));
          if (!seenKeys.add(key)) {
            throw new ReportFetcherError(
              "DUPLICATE_ROWS",
              `two rows share the key (${report.uniqueKey.join(", ")}) = ${canonical(row, report.uniqueKey)}`,
              {
                context
              }
            );
          }
          if (!digestedAtStaging.has(page)) digest.add(row);
        }
        await writer.write(rows);
      }
    }
  } catch (error2) {
    await writer.abort();
    throw error2;
  }
  const written = await writer.finish();
  const record2 = {
    partition,
    runId: task.runId,
    format,
    rows: written.rows,
    bytes: written.bytes,
    pages: ordered.length,
    committedAt: (/* @__PURE__ */ new Date()).toISOString(),
    digest: digest.hex()
  };
  await lake.recordCommit(record2);
  return record2;
}
__name(writePartition, "writePartition");

// functions/engine/json-path.ts
function getPath(value, path) {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return void 0;
    current = current[key];
  }
  return current;
}
__name(getPath, "getPath");
function setPath(target, path, value) {
  const keys = path.split(".");
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== "object") current[key] = {};
    current = current[key];
  }
  current[keys[keys.length - 1]] = value;
}
__name(setPath, "setPath");

// functions/engine/pagination/link-header.ts
function parseLinkHeader(header) {
  const links = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/s.exec(part.trim());
    if (!match) continue;
    const rel = /rel\s*=\s*["”“']?([^"”“';\s]+)/i.exec(match[2]);
    if (rel) for (const name of rel[1].split(/\s+/)) links[name.toLowerCase()] = match[1];
  }
  return links;
}
__name(parseLinkHeader, "parseLinkHeader");

// functions/engine/pagination/paginator.ts
function totalPagesFor(spec, totalItems) {
  return spec.kind === "page-number" ? Math.max(1, Math.ceil(totalItems / spec.pageSize)) : 1;
}
__name(totalPagesFor, "totalPagesFor");
function applyPage(spec, state, request) {
  if (spec.kind === "page-number" && state.kind === "page-number") {
    if (spec.in === "query") {
      const url = new URL(request.url);
      url.searchParams.set(spec.pageParam, String(state.page));
      url.searchParams.set(spec.sizeParam, String(spec.pageSize));
      return { ...request, url };
    }
    const body = structuredClone(request.body ?? {});
    setPath(body, spec.pageParam, state.page);
    setPath(body, spec.sizeParam, spec.pageSize);
    return { ...request, body };
  }
  if (spec.kind === "link-header" && state.kind === "link-header") {
    if (state.next !== null && (!state.next.startsWith("/") || state.next.startsWith("//") || state.next.includes("\\")))
      throw new ReportFetcherError("UNTRUSTED_URL", "a link-header page state must be a path on the source");
    const url = state.next === null ? new URL(request.url) : new URL(state.next, request.url.origin);
    url.searchParams.set(spec.sizeParam, String(spec.pageSize));
    return { ...request, url };
  }
  if (spec.kind === "single" && state.kind === "single") return request;
  throw new Error(`page state "${state.kind}" does not belong to a "${spec.kind}" paginator`);
}
__name(applyPage, "applyPage");
function followingPages(spec, page, signals, options) {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  if (spec.kind === "single") return { pages: [], isLast: true, totalPages: 1 };
  if (spec.kind === "link-header") {
    if (!signals.nextUrl) return { pages: [], isLast: true };
    if (page.state.kind === "link-header" && page.state.next === signals.nextUrl) {
      throw new ReportFetcherError(
        "BODY_MALFORMED",
        `the vendor's next link points back to the page just fetched (${signals.nextUrl.slice(0, 120)})`
      );
    }
    checkPageCount(page.ordinal + 2, maxPages, "keeps announcing a next page past");
    return {
      pages: [{ state: { kind: "link-header", next: signals.nextUrl }, ordinal: page.ordinal + 1 }],
      isLast: false
    };
  }
  const announced = signals.totalPages ?? (signals.totalItems !== void 0 ? totalPagesFor(spec, signals.totalItems) : void 0);
  const totalPages = announced === void 0 ? void 0 : checkPageCount(announced, maxPages, "announces");
  if (totalPages !== void 0) {
    const isLast = page.ordinal >= totalPages - 1;
    if (page.ordinal !== 0 || options.fannedOut) return { pages: [], isLast, totalPages };
    const pages2 = [];
    for (let ordinal = 1; ordinal < totalPages; ordinal++) {
      pages2.push({ state: { kind: "page-number", page: spec.firstPage + ordinal }, ordinal });
    }
    return { pages: pages2, isLast, totalPages };
  }
  const hasNext = signals.nextUrl !== void 0 ? !!signals.nextUrl : signals.records >= spec.pageSize;
  if (!hasNext) return { pages: [], isLast: true };
  checkPageCount(page.ordinal + 2, maxPages, "keeps announcing a next page past");
  const current = page.state.kind === "page-number" ? page.state.page : spec.firstPage;
  return {
    pages: [{ state: { kind: "page-number", page: current + 1 }, ordinal: page.ordinal + 1 }],
    isLast: false
  };
}
__name(followingPages, "followingPages");
function numberAt(body, path) {
  if (!path) return void 0;
  const value = getPath(body, path);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return void 0;
}
__name(numberAt, "numberAt");
function checkPageCount(pages2, maxPages, verb) {
  if (!Number.isSafeInteger(pages2) || pages2 > maxPages) {
    throw new BudgetExceededError(
      "maxPagesPerPartition",
      `the vendor ${verb} ${verb === "announces" ? `${pages2} pages, more than` : ""} ${maxPages} pages`.replace(
        /\s+/g,
        " "
      )
    );
  }
  return pages2;
}
__name(checkPageCount, "checkPageCount");

// functions/engine/schema/table-schema.ts
function column(type) {
  return (name, options = {}) => ({
    name,
    type,
    nullable: options.nullable ?? false,
    ...options.from ? { from: options.from } : {},
    ...options.fromSlice ? { fromSlice: true } : {},
    ...options.description ? { description: options.description } : {}
  });
}
__name(column, "column");
var col = {
  string: column("string"),
  bigint: column("bigint"),
  double: column("double"),
  boolean: column("boolean"),
  date: column("date"),
  timestamp: column("timestamp")
};
function tableSchema(columns) {
  const seen = /* @__PURE__ */ new Set();
  for (const c of columns) {
    if (!/^[a-z][a-z0-9_]*$/.test(c.name))
      throw new Error(`column name "${c.name}" is not a lower_snake identifier`);
    if (seen.has(c.name)) throw new Error(`column "${c.name}" is declared twice`);
    seen.add(c.name);
  }
  return { columns };
}
__name(tableSchema, "tableSchema");
function vendorField(column2) {
  return column2.from ?? column2.name;
}
__name(vendorField, "vendorField");
function recordFields(schema) {
  return schema.columns.filter((c) => !c.fromSlice).map(vendorField);
}
__name(recordFields, "recordFields");
function assertKnownFields(schema, names, where) {
  const known = new Set(recordFields(schema));
  for (const name of names) {
    if (!known.has(name)) {
      throw new InputError(
        `unknown field "${name}" in ${where} (the report's fields are: ${[...known].join(", ")})`
      );
    }
  }
}
__name(assertKnownFields, "assertKnownFields");

// functions/engine/schema/row-normaliser.ts
var INTEGER_TEXT = /^-?\d+$/;
var NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
var DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
var TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
var HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isCalendarDate(text) {
  if (!DATE_TEXT.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}
__name(isCalendarDate, "isCalendarDate");
var INVALID = /* @__PURE__ */ Symbol("invalid");
var PARSERS = {
  string: /* @__PURE__ */ __name((v) => typeof v === "string" ? v : INVALID, "string"),
  bigint: /* @__PURE__ */ __name((v) => {
    const n2 = typeof v === "number" ? v : typeof v === "string" && INTEGER_TEXT.test(v) ? Number(v) : Number.NaN;
    return Number.isSafeInteger(n2) ? n2 : INVALID;
  }, "bigint"),
  double: /* @__PURE__ */ __name((v) => {
    const n2 = typeof v === "number" ? v : typeof v === "string" && NUMBER_TEXT.test(v) ? Number(v) : Number.NaN;
    return Number.isFinite(n2) ? n2 : INVALID;
  }, "double"),
  boolean: /* @__PURE__ */ __name((v) => typeof v === "boolean" ? v : INVALID, "boolean"),
  date: /* @__PURE__ */ __name((v) => typeof v === "string" && isCalendarDate(v) ? v : INVALID, "date"),
  timestamp: /* @__PURE__ */ __name((v) => {
    if (typeof v !== "string" || !TIMESTAMP_TEXT.test(v)) return INVALID;
    const iso = v.replace(" ", "T");
    const millis = Date.parse(HAS_OFFSET.test(v) ? iso : `${iso}Z`);
    return Number.isNaN(millis) ? INVALID : new Date(millis).toISOString();
  }, "timestamp")
};
var EXPECTED = {
  string: "a string",
  bigint: "an integer",
  double: "a number",
  boolean: "true or false",
  date: "a date YYYY-MM-DD",
  timestamp: "an ISO-8601 timestamp"
};
function createRowNormaliser(schema, options, context = {}) {
  const absent = new Set(options.mayBeAbsent ?? []);
  const columns = schema.columns.map((c) => ({
    name: c.name,
    field: vendorField(c),
    fromSlice: !!c.fromSlice,
    nullable: c.nullable,
    mayBeAbsent: absent.has(c.name),
    parse: PARSERS[c.type],
    expected: `expected ${EXPECTED[c.type]}${c.nullable ? " or null" : ""}`
  }));
  const known = new Set(columns.filter((c) => !c.fromSlice).map((c) => c.field));
  const strict = options.unknownFields === "error";
  const template = JSON.parse(JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, null]))));
  return (record2, slice = {}) => {
    if (record2 === null || typeof record2 !== "object" || Array.isArray(record2)) {
      throw new SchemaDriftError(`expected a JSON object for each record, got ${describeValue(record2)}`, {
        context
      });
    }
    const fields = record2;
    if (strict) {
      let keys = 0;
      for (const _ in fields) keys++;
      if (keys > known.size) throw unexpectedFields(fields, known, context);
    }
    const row = { ...template };
    for (const column2 of columns) {
      const source = column2.fromSlice ? slice : fields;
      const value = source[column2.field];
      if (value === void 0) {
        if (column2.mayBeAbsent) {
          row[column2.name] = null;
          continue;
        }
        throw drift(column2, "missing", context);
      }
      if (value === null) {
        if (!column2.nullable) throw drift(column2, "got null", context);
        row[column2.name] = null;
        continue;
      }
      const parsed = column2.parse(value);
      if (parsed === INVALID) throw drift(column2, `got ${describeValue(value)}`, context);
      row[column2.name] = parsed;
    }
    return row;
  };
}
__name(createRowNormaliser, "createRowNormaliser");
function unexpectedFields(fields, known, context) {
  const unknown2 = Object.keys(fields).filter((key) => !known.has(key));
  return new SchemaDriftError(
    `unexpected field${unknown2.length > 1 ? "s" : ""} ${unknown2.map((k) => `"${k}"`).join(", ")} in a vendor record (not in the report schema)`,
    { field: unknown2[0], context }
  );
}
__name(unexpectedFields, "unexpectedFields");
function drift(column2, what, context) {
  const origin = column2.fromSlice ? " (from the slice)" : "";
  return new SchemaDriftError(`field "${column2.field}"${origin}: ${column2.expected}, ${what}`, {
    field: column2.field,
    context
  });
}
__name(drift, "drift");
function describeValue(value) {
  if (value === null) return "null";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value)}`;
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return `${typeof value} ${String(value)}`;
}
__name(describeValue, "describeValue");

// functions/engine/vendor-message.ts
var MESSAGE_PATHS = [
  "message",
  "error_description",
  "error.message",
  "errors.0.message",
  "data.errors.0.message",
  "error"
];
function vendorMessage(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return shorten(
      text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()
    );
  }
  for (const path of MESSAGE_PATHS) {
    const value = getPath(parsed, path);
    if (typeof value === "string" && value.trim()) return shorten(value.trim());
  }
  return shorten(text.trim());
}
__name(vendorMessage, "vendorMessage");
function shorten(text) {
  const safe = printable(text);
  return safe.length > 300 ? `${safe.slice(0, 300)}\u2026` : safe;
}
__name(shorten, "shorten");

// functions/engine/run/fetch-page.ts
var STAGE_BATCH = 5e3;
function buildRequest(runtime, report, context, page) {
  const spec = report.request(context);
  const applied = applyPage(report.paginator, page.state, { url: runtime.client.url(spec), body: spec.body });
  return applied.body === void 0 ? { method: spec.method, url: applied.url } : {
    method: spec.method,
    url: applied.url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(applied.body)
  };
}
__name(buildRequest, "buildRequest");
async function readJsonPage(response, spec, request, context, origin) {
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new ReportFetcherError(
      "BODY_MALFORMED",
      `${request.method} ${request.url.pathname} returned a body that is not valid JSON (${text.length} bytes; truncated?)`,
      {
        retryable: true,
        cause,
        context
      }
    );
  }
  if (spec.bodyStatus) {
    const status = numberAt(body, spec.bodyStatus);
    if (status !== void 0 && (status < 200 || status >= 300)) {
      throw new VendorHttpError("VENDOR_HTTP", {
        status,
        vendorMessage: vendorMessage(text),
        method: request.method,
        url: request.url.pathname,
        retryable: status >= 500,
        context
      });
    }
  }
  if (spec.declaredSize) {
    const declared = numberAt(body, spec.declaredSize.path);
    const actual = response.bytesRead();
    if (declared !== void 0 && declared !== actual) {
      throw new ReportFetcherError(
        "BODY_MALFORMED",
        `response declares a ${declared}-byte body but ${actual} bytes arrived (truncated or altered)`,
        {
          retryable: true,
          context
        }
      );
    }
  }
  const records = spec.records ? getPath(body, spec.records) : body;
  if (!Array.isArray(records)) {
    throw new SchemaDriftError(
      `expected an array of records at "${spec.records || "(body)"}", got ${records === null ? "null" : typeof records}`,
      {
        field: spec.records || void 0,
        context
      }
    );
  }
  const signals = {
    records: records.length,
    totalItems: numberAt(body, spec.totalItems),
    totalPages: numberAt(body, spec.totalPages)
  };
  if (spec.nextUrl) signals.nextUrl = getPath(body, spec.nextUrl) ? "more" : null;
  if (spec.nextLink) {
    const next = parseLinkHeader(response.headers.get("link")).next;
    if (next && !origin) throw new Error("readJsonPage: a linked report needs the source origin");
    signals.nextUrl = next ? origin.reduce(next, 'Link rel="next"') : null;
  }
  return { records, signals };
}
__name(readJsonPage, "readJsonPage");
function normaliserFor(runtime, task) {
  const report = runtime.report(task.report);
  return createRowNormaliser(
    report.schema,
    { unknownFields: report.unknownFields ?? "error" },
    { source: runtime.settings.name, report: task.report, date: task.date }
  );
}
__name(normaliserFor, "normaliserFor");
async function fetchPage(runtime, task, options = {}) {
  const report = runtime.report(task.report);
  const context = { source: runtime.settings.name, report: task.report, date: task.date };
  const request = buildRequest(runtime, report, runtime.context(task.date, task.slice.params), task.page);
  const normalise = normaliserFor(runtime, task);
  const columns = report.schema.columns.map((c) => c.name);
  const partition = runtime.partition(task.report, task.date);
  const counters = { requests: 0, retries: 0, throttled: 0 };
  const staged = await runtime.client.withRetry(
    async () => {
      const response = await runtime.client.send(request, context, counters, options.deadline);
      const staging = await runtime.deps.staging.openPage(
        task.runId,
        partition,
        task.slice.key,
        task.page.ordinal
      );
      const digest = new RowDigest(columns);
      const sink = {
        ...staging,
        write: /* @__PURE__ */ __name((rows) => {
          for (const row of rows) digest.add(row);
          return staging.write(rows);
        }, "write")
      };
      try {
        const result = report.response.kind === "json" ? await stageJson(runtime, response, report, request, normalise, task, sink, context) : await stageStream(runtime, response, report.response, normalise, task, sink, context);
        return { sink, digest: digest.hex(), ...result };
      } catch (error2) {
        await sink.abort();
        throw error2;
      }
    },
    counters,
    options.deadline
  );
  const totalItems = staged.signals.totalItems ?? task.slice.totalItems;
  const following = followingPages(
    report.paginator,
    task.page,
    { ...staged.signals, totalItems },
    { fannedOut: task.fannedOut, maxPages: runtime.limits.maxPagesPerPartition }
  );
  const meta2 = {
    slice: task.slice.key,
    ordinal: task.page.ordinal,
    rows: staged.rows,
    isLast: following.isLast,
    ...following.totalPages !== void 0 ? { totalPages: following.totalPages } : {},
    ...totalItems !== void 0 ? { totalItems } : {},
    ...counters,
    stagedAt: (/* @__PURE__ */ new Date()).toISOString(),
    digest: staged.digest
  };
  await staged.sink.commit(meta2);
  return {
    meta: meta2,
    following: following.pages.map((page) => ({ ...task, page, fannedOut: task.fannedOut }))
  };
}
__name(fetchPage, "fetchPage");
async function stageJson(runtime, response, report, request, normalise, task, sink, context) {
  const spec = report.response;
  const { records, signals } = await readJsonPage(response, spec, request, context, runtime.client.api);
  checkRows(runtime, records.length, context);
  const rows = records.map(
    (record2) => checkDate(report, normalise(record2, task.slice.params), task.date, context)
  );
  await sink.write(rows);
  return { rows: rows.length, signals };
}
__name(stageJson, "stageJson");
async function stageStream(runtime, response, spec, normalise, task, sink, context) {
  let expected;
  let sawHeader = false;
  let count = 0;
  let batch = [];
  for await (const { line, terminated } of linesWithEnd(response.chunks(), runtime.limits.maxLineBytes)) {
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch (cause) {
      throw new ReportFetcherError(
        "BODY_MALFORMED",
        `stream line ${count + 1} is not JSON${terminated ? "" : " (the stream was cut mid-line)"}`,
        {
          retryable: true,
          cause,
          context
        }
      );
    }
    const kind = spec.classify(parsed);
    if (kind === "header") {
      sawHeader = true;
      const total = numberAt(parsed, spec.headerTotalItems);
      expected = total !== void 0 && total >= 0 ? total : void 0;
    } else if (kind === "error") {
      throw new ReportFetcherError(
        "STREAM_ERROR",
        `the vendor aborted the stream after ${count} rows: ${vendorMessage(line)}`,
        {
          retryable: true,
          context
        }
      );
    } else if (kind === "data") {
      if (!sawHeader)
        throw new ReportFetcherError("BODY_MALFORMED", "stream data arrived before its header line", {
          retryable: true,
          context
        });
      batch.push(normalise(parsed, task.slice.params));
      count++;
      checkRows(runtime, count, context);
      if (batch.length >= STAGE_BATCH) {
        await sink.write(batch);
        batch = [];
      }
    }
  }
  if (!sawHeader)
    throw new ReportFetcherError("BODY_MALFORMED", "the stream ended before its header line", {
      retryable: true,
      context
    });
  if (expected !== void 0 && count !== expected) {
    throw new ReportFetcherError("COUNT_MISMATCH", `the stream ended after ${count} of ${expected} rows`, {
      retryable: true,
      context
    });
  }
  await sink.write(batch);
  return {
    rows: count,
    signals: { records: count, ...expected !== void 0 ? { totalItems: expected } : {} }
  };
}
__name(stageStream, "stageStream");
function checkRows(runtime, rows, context) {
  const max = runtime.limits.maxRowsPerPartition;
  if (rows > max)
    throw new BudgetExceededError("maxRowsPerPartition", `the vendor sent more than ${max} rows`, {
      context
    });
}
__name(checkRows, "checkRows");
function checkDate(report, row, date3, context) {
  if (report.dateColumn && row[report.dateColumn] !== date3) {
    throw new SchemaDriftError(
      `a row for ${String(row[report.dateColumn])} arrived in the request for ${date3} (column "${report.dateColumn}")`,
      {
        field: report.dateColumn,
        context
      }
    );
  }
  return row;
}
__name(checkDate, "checkDate");

// node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/SecretsProvider.js
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// node_modules/@aws-lambda-powertools/commons/lib/esm/version.js
var PT_VERSION3 = "2.35.0";

// node_modules/@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js
var EXEC_ENV3 = process.env.AWS_EXECUTION_ENV || "NA";
var middlewareOptions = {
  relation: "after",
  toMiddleware: "getUserAgentMiddleware",
  name: "addPowertoolsToUserAgent",
  tags: ["POWERTOOLS", "USER_AGENT"]
};
var isSdkClient3 = /* @__PURE__ */ __name((client) => typeof client === "object" && client !== null && "send" in client && typeof client.send === "function" && "config" in client && client.config !== void 0 && typeof client.config === "object" && client.config !== null && "middlewareStack" in client && client.middlewareStack !== void 0 && typeof client.middlewareStack === "object" && client.middlewareStack !== null && "identify" in client.middlewareStack && typeof client.middlewareStack.identify === "function" && "addRelativeTo" in client.middlewareStack && typeof client.middlewareStack.addRelativeTo === "function", "isSdkClient");
var customUserAgentMiddleware = /* @__PURE__ */ __name((feature) => {
  return (next) => async (args) => {
    const existingUserAgent = args.request.headers["user-agent"] || "";
    if (existingUserAgent.includes("PT/NO-OP")) {
      const featureSpecificUserAgent = existingUserAgent.replace("PT/NO-OP", `PT/${feature}/${PT_VERSION3} PTEnv/${EXEC_ENV3}`);
      args.request.headers["user-agent"] = featureSpecificUserAgent;
      return await next(args);
    }
    if (existingUserAgent.includes("PT/")) {
      return await next(args);
    }
    args.request.headers["user-agent"] = existingUserAgent === "" ? `PT/${feature}/${PT_VERSION3} PTEnv/${EXEC_ENV3}` : `${existingUserAgent} PT/${feature}/${PT_VERSION3} PTEnv/${EXEC_ENV3}`;
    return await next(args);
  };
}, "customUserAgentMiddleware");
var hasPowertools = /* @__PURE__ */ __name((middlewareStack) => {
  let found = false;
  for (const middleware of middlewareStack) {
    if (middleware.includes("addPowertoolsToUserAgent")) {
      found = true;
    }
  }
  return found;
}, "hasPowertools");
var addUserAgentMiddleware3 = /* @__PURE__ */ __name((client, feature) => {
  try {
    if (isSdkClient3(client)) {
      if (hasPowertools(client.middlewareStack.identify())) {
        return;
      }
      client.middlewareStack.addRelativeTo(customUserAgentMiddleware(feature), middlewareOptions);
    } else {
      throw new Error("The client provided does not match the expected interface");
    }
  } catch (error2) {
    console.warn("Failed to add user agent middleware", error2);
  }
}, "addUserAgentMiddleware");

// node_modules/@aws-lambda-powertools/commons/lib/esm/middleware/constants.js
var PREFIX3 = "powertools-for-aws";
var TRACER_KEY3 = `${PREFIX3}.tracer`;
var METRICS_KEY3 = `${PREFIX3}.metrics`;
var LOGGER_KEY3 = `${PREFIX3}.logger`;
var IDEMPOTENCY_KEY3 = `${PREFIX3}.idempotency`;

// node_modules/@aws-lambda-powertools/commons/lib/esm/typeUtils.js
var isRecord3 = /* @__PURE__ */ __name((value) => {
  return Object.prototype.toString.call(value) === "[object Object]" && !Object.is(value, null);
}, "isRecord");
var isString3 = /* @__PURE__ */ __name((value) => {
  return typeof value === "string";
}, "isString");
var isNull3 = /* @__PURE__ */ __name((value) => {
  return Object.is(value, null);
}, "isNull");
var isNullOrUndefined3 = /* @__PURE__ */ __name((value) => {
  return isNull3(value) || Object.is(value, void 0);
}, "isNullOrUndefined");

// node_modules/@aws-lambda-powertools/commons/lib/esm/index.js
var env3 = process.env.AWS_EXECUTION_ENV || "NA";
if (!process.env.AWS_SDK_UA_APP_ID?.includes("/PTEnv/")) {
  const ptUserAgent = `PT/NO-OP/${PT_VERSION3}/PTEnv/${env3}`;
  process.env.AWS_SDK_UA_APP_ID = process.env.AWS_SDK_UA_APP_ID ? `${process.env.AWS_SDK_UA_APP_ID}/${ptUserAgent}` : ptUserAgent;
}

// node_modules/@aws-lambda-powertools/parameters/lib/esm/errors.js
var GetParameterError = class extends Error {
  static {
    __name(this, "GetParameterError");
  }
  constructor(message, options) {
    super(message, options);
    this.name = "GetParameterError";
  }
};
var ParameterNotFoundError = class extends GetParameterError {
  static {
    __name(this, "ParameterNotFoundError");
  }
  constructor(message, options) {
    super(message, options);
    this.name = "ParameterNotFoundError";
  }
};
var TransformParameterError = class extends Error {
  static {
    __name(this, "TransformParameterError");
  }
  constructor(transform2, message) {
    super(message);
    this.name = "TransformParameterError";
    this.message = `Unable to transform value using '${transform2}' transform: ${message}`;
  }
};

// node_modules/@aws-lambda-powertools/parameters/lib/esm/base/ExpirableValue.js
var ExpirableValue = class {
  static {
    __name(this, "ExpirableValue");
  }
  ttl;
  value;
  /**
   *
   * @param value - Value to be cached
   * @param maxAge - Maximum age in seconds for the value to be cached
   */
  constructor(value, maxAge) {
    this.value = value;
    const timeNow = /* @__PURE__ */ new Date();
    this.ttl = timeNow.setSeconds(timeNow.getSeconds() + maxAge);
  }
  /**
   * Check if the value has expired.
   *
   * @returns {boolean} - True if the value has expired, false otherwise
   */
  isExpired() {
    return this.ttl < Date.now();
  }
};

// node_modules/@aws-lambda-powertools/parameters/lib/esm/constants.js
var DEFAULT_MAX_AGE_SECS = 5;
var TRANSFORM_METHOD_JSON = "json";
var TRANSFORM_METHOD_BINARY = "binary";
var APPCONFIG_TOKEN_EXPIRATION = 23 * 60 * 60 * 1e3 + 45 * 60 * 1e3;

// node_modules/@aws-lambda-powertools/parameters/lib/esm/base/GetOptions.js
var GetOptions = class {
  static {
    __name(this, "GetOptions");
  }
  forceFetch = false;
  maxAge;
  sdkOptions;
  throwOnMissing = false;
  transform;
  constructor(options = {}) {
    Object.assign(this, options);
    if (options.maxAge === void 0) {
      this.maxAge = getNumberFromEnv({
        key: "POWERTOOLS_PARAMETERS_MAX_AGE",
        defaultValue: DEFAULT_MAX_AGE_SECS
      });
    }
  }
};

// node_modules/@aws-lambda-powertools/parameters/lib/esm/base/GetMultipleOptions.js
var GetMultipleOptions = class extends GetOptions {
  static {
    __name(this, "GetMultipleOptions");
  }
  throwOnTransformError = false;
  constructor(options = {}) {
    super(options);
    if (options.throwOnTransformError !== void 0) {
      this.throwOnTransformError = options.throwOnTransformError;
    }
  }
};

// node_modules/@aws-lambda-powertools/commons/lib/esm/fromBase64.js
var BASE64_REGEX = /^[A-Za-z0-9+/]*={0,2}$/;
var fromBase64 = /* @__PURE__ */ __name((input, encoding) => {
  if (input.length * 3 % 4 !== 0) {
    throw new TypeError("Incorrect padding on base64 string.");
  }
  if (!BASE64_REGEX.exec(input)) {
    throw new TypeError("Invalid base64 string.");
  }
  const buffer = encoding ? Buffer.from(input, encoding) : Buffer.from(input);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}, "fromBase64");

// node_modules/@aws-lambda-powertools/parameters/lib/esm/base/transformValue.js
var transformValue = /* @__PURE__ */ __name((value, transform2, throwOnTransformError, key) => {
  const normalizedTransform = transform2.toLowerCase();
  const isAutoTransform = normalizedTransform === "auto";
  const isAutoJsonTransform = isAutoTransform && key.toLowerCase().endsWith(`.${TRANSFORM_METHOD_JSON}`);
  const isAutoBinaryTransform = isAutoTransform && key.toLowerCase().endsWith(`.${TRANSFORM_METHOD_BINARY}`);
  const isJsonTransform = normalizedTransform === TRANSFORM_METHOD_JSON;
  const isBinaryTransform = normalizedTransform === TRANSFORM_METHOD_BINARY;
  if (!(value instanceof Uint8Array || isString3(value)) || isAutoTransform && !isAutoJsonTransform && !isAutoBinaryTransform) {
    return value;
  }
  try {
    const valueToTransform = value instanceof Uint8Array ? new TextDecoder("utf-8").decode(value) : value;
    if (isJsonTransform || isAutoJsonTransform) {
      return JSON.parse(valueToTransform);
    }
    if (isBinaryTransform || isAutoBinaryTransform) {
      return new TextDecoder("utf-8").decode(fromBase64(valueToTransform, "base64"));
    }
  } catch (error2) {
    if (throwOnTransformError)
      throw new TransformParameterError(transform2, error2.message);
    return;
  }
}, "transformValue");

// node_modules/@aws-lambda-powertools/parameters/lib/esm/base/BaseProvider.js
var BaseProvider = class {
  static {
    __name(this, "BaseProvider");
  }
  client;
  store;
  constructor({ awsSdkV3Client, clientConfig, awsSdkV3ClientPrototype }) {
    this.store = /* @__PURE__ */ new Map();
    if (awsSdkV3Client) {
      if (!isSdkClient3(awsSdkV3Client) && awsSdkV3ClientPrototype) {
        console.warn("awsSdkV3Client is not an AWS SDK v3 client, using default client");
        this.client = new awsSdkV3ClientPrototype(clientConfig ?? {});
      } else {
        this.client = awsSdkV3Client;
      }
    } else if (awsSdkV3ClientPrototype) {
      this.client = new awsSdkV3ClientPrototype(clientConfig ?? {});
    }
    if (isSdkClient3(this.client)) {
      addUserAgentMiddleware3(this.client, "parameters");
    }
  }
  /**
   * Add a value to the cache.
   *
   * @param {string} key - Key of the cached value
   * @param {string | Uint8Array | Record<string, unknown>} value - Value to be cached
   * @param {number} maxAge - Maximum age in seconds for the value to be cached
   */
  addToCache(key, value, maxAge) {
    if (maxAge <= 0)
      return;
    this.store.set(key, new ExpirableValue(value, maxAge));
  }
  /**
   * Clear the cache.
   */
  clearCache() {
    this.store.clear();
  }
  /**
   * Retrieve a parameter value or return the cached value.
   *
   * @param {string} name - Parameter name
   * @param {GetOptionsInterface} options - Options to configure maximum age, trasformation, AWS SDK options, or force fetch
   */
  async get(name, options) {
    const configs = new GetOptions(options);
    const key = [name, configs.transform].toString();
    if (!configs.forceFetch && !this.hasKeyExpiredInCache(key)) {
      return this.store.get(key).value;
    }
    try {
      let value = await this._get(name, options);
      if (isNullOrUndefined3(value)) {
        if (configs.throwOnMissing) {
          throw new ParameterNotFoundError(`Parameter ${name} not found in the store`);
        }
        return void 0;
      }
      if (configs.transform && (isString3(value) || value instanceof Uint8Array)) {
        value = transformValue(value, configs.transform, true, name);
      }
      this.addToCache(key, value, configs.maxAge);
      return value;
    } catch (error2) {
      if (error2 instanceof TransformParameterError)
        throw error2;
      if (error2 instanceof ParameterNotFoundError)
        throw error2;
      throw new GetParameterError(error2.message, {
        cause: error2
      });
    }
  }
  /**
   * Retrieve multiple parameter values or return the cached values.
   *
   * @param {string} path - Parameters path
   * @param {GetMultipleOptionsInterface} options - Options to configure maximum age, trasformation, AWS SDK options, or force fetch
   * @returns
   */
  async getMultiple(path, options) {
    const configs = new GetMultipleOptions(options);
    const key = [path, configs.transform].toString();
    if (!configs.forceFetch && !this.hasKeyExpiredInCache(key)) {
      return this.store.get(key).value;
    }
    let values;
    try {
      values = await this._getMultiple(path, options);
      if (!isRecord3(values)) {
        throw new GetParameterError(`Expected result to be a Record<string, unknown> but got ${typeof values}`);
      }
    } catch (error2) {
      throw new GetParameterError(error2.message, {
        cause: error2
      });
    }
    if (configs.transform) {
      for (const [entryKey, entryValue] of Object.entries(values)) {
        if (!(isString3(entryValue) || entryValue instanceof Uint8Array))
          continue;
        try {
          values[entryKey] = transformValue(entryValue, configs.transform, configs.throwOnTransformError, entryKey);
        } catch (error2) {
          if (configs.throwOnTransformError) {
            if (error2 instanceof TransformParameterError) {
              throw error2;
            }
            const wrapped = new TransformParameterError(configs.transform, error2.message);
            wrapped.stack = error2.stack;
            throw wrapped;
          }
        }
      }
    }
    if (Object.keys(values).length !== 0) {
      this.addToCache(key, values, configs.maxAge);
    }
    return values;
  }
  /**
   * Check whether a key has expired in the cache or not.
   *
   * It returns true if the key is expired or not present in the cache.
   *
   * @param {string} key - Stringified representation of the key to retrieve
   */
  hasKeyExpiredInCache(key) {
    const value = this.store.get(key);
    if (value)
      return value.isExpired();
    return true;
  }
};

// node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/SecretsProvider.js
var SecretsProvider = class extends BaseProvider {
  static {
    __name(this, "SecretsProvider");
  }
  constructor(config2) {
    super({
      awsSdkV3ClientPrototype: SecretsManagerClient,
      ...config2 ?? {}
    });
  }
  /**
   * Retrieve a secret from AWS Secrets Manager.
   *
   * @example
   * ```typescript
   * import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
   *
   * const secretsProvider = new SecretsProvider();
   *
   * export const handler = async (): Promise<void> => {
   *   // Retrieve a secret
   *   const secret = await secretsProvider.get('my-secret');
   * };
   * ```
   *
   * @see https://docs.aws.amazon.com/powertools/typescript/latest/features/parameters/
   *
   * @param name - The name of the secret to retrieve
   * @param options - Optional options to configure the provider
   * @param options.maxAge - Optional maximum age of the value in the cache, in seconds (default: `5`)
   * @param options.forceFetch - Optional flag to always fetch a new value from the store regardless if already available in cache (default: `false`)
   * @param options.transform - Optional transform to be applied, can be `json` or `binary`
   * @param options.sdkOptions - Optional additional options to pass to the AWS SDK v3 client, supports all options from {@link GetSecretValueCommandInput | `GetSecretValueCommandInput`} except `SecretId`
   */
  get(name, options) {
    return super.get(name, options);
  }
  /**
   * Retrieving multiple secrets is not supported with AWS Secrets Manager.
   */
  async getMultiple(path, _options) {
    await super.getMultiple(path);
  }
  /**
   * Retrieve a secret from AWS Secrets Manager.
   *
   * @param name - Name of the secret or its ID
   * @param options - SDK options to propagate to the AWS SDK v3 for JavaScript client
   * @param options.sdkOptions - Extra options to pass to the AWS SDK v3 for JavaScript client, accepts the same options as {@link GetSecretValueCommandInput | `GetSecretValueCommandInput`} except `SecretId`.
   */
  async _get(name, options) {
    const sdkOptions = {
      ...options?.sdkOptions || {},
      SecretId: name
    };
    try {
      const result = await this.client.send(new GetSecretValueCommand(sdkOptions));
      if (result.SecretString)
        return result.SecretString;
      return result.SecretBinary;
    } catch (error2) {
      if (options?.throwOnMissing && error2 instanceof ResourceNotFoundException) {
        return void 0;
      }
      throw error2;
    }
  }
  /**
   * Retrieving multiple secrets is not supported with AWS Secrets Manager.
   *
   * @throws Not Implemented Error.
   */
  _getMultiple(_path, _options) {
    throw new Error("Method not implemented.");
  }
};

// functions/handlers/aws-context.ts
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient as SecretsManagerClient2 } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";

// functions/adapters/aws/dynamo-commit-guard.ts
import { randomUUID } from "node:crypto";
import {
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand
} from "@aws-sdk/client-dynamodb";

// functions/engine/control/commit-guard.ts
function runGeneration(runId) {
  const match = /^\d{8}T\d{6}Z/.exec(runId);
  return match ? match[0] : "";
}
__name(runGeneration, "runGeneration");

// functions/adapters/aws/dynamo-control-table.ts
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  UpdateTimeToLiveCommand
} from "@aws-sdk/client-dynamodb";
var s = /* @__PURE__ */ __name((value) => ({ S: value }), "s");
var n = /* @__PURE__ */ __name((value) => ({ N: String(value) }), "n");
var str = /* @__PURE__ */ __name((item, name) => item?.[name]?.S, "str");
var num = /* @__PURE__ */ __name((item, name) => {
  const value = item?.[name]?.N;
  return value === void 0 ? void 0 : Number(value);
}, "num");
var ttlAfter = /* @__PURE__ */ __name((ms, now = Date.now()) => n(Math.ceil((now + ms) / 1e3)), "ttlAfter");
function isConditionFailure(error2) {
  return error2 instanceof ConditionalCheckFailedException || error2.name === "ConditionalCheckFailedException";
}
__name(isConditionFailure, "isConditionFailure");

// functions/adapters/aws/dynamo-commit-guard.ts
var COMMIT_CLAIM_MS = 16 * 6e4;
var DynamoCommitGuard = class {
  constructor(client, tableName, now = Date.now) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
  }
  client;
  tableName;
  now;
  static {
    __name(this, "DynamoCommitGuard");
  }
  key(partition) {
    return { pk: s(`commit#${partition.source}`), sk: s(`${partition.table}#${partition.date}`) };
  }
  async claim(partition, runId) {
    const owner = randomUUID();
    const generation = runGeneration(runId);
    const now = this.now();
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(partition),
          UpdateExpression: "SET claimOwner = :owner, claimRun = :run, claimUntil = :until",
          ConditionExpression: "(attribute_not_exists(committedGeneration) OR committedGeneration <= :generation) AND (attribute_not_exists(claimUntil) OR claimUntil <= :now)",
          ExpressionAttributeValues: {
            ":owner": s(owner),
            ":run": s(runId),
            ":until": n(now + COMMIT_CLAIM_MS),
            ":generation": s(generation),
            ":now": n(now)
          }
        })
      );
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
      const { Item } = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: this.key(partition), ConsistentRead: true })
      );
      const committed = str(Item, "committedGeneration");
      if (committed !== void 0 && committed > generation)
        return { granted: false, reason: "superseded", by: str(Item, "committedRun") ?? committed };
      return { granted: false, reason: "busy", by: str(Item, "claimRun") ?? "another commit" };
    }
    return {
      granted: true,
      release: /* @__PURE__ */ __name(async (committed) => {
        const values = { ":owner": s(owner) };
        try {
          await this.client.send(
            committed ? new UpdateItemCommand({
              TableName: this.tableName,
              Key: this.key(partition),
              UpdateExpression: "SET committedRun = :run, committedGeneration = :generation, #rows = :rows, #bytes = :bytes, committedAt = :at REMOVE claimOwner, claimRun, claimUntil",
              ConditionExpression: "claimOwner = :owner",
              ExpressionAttributeNames: { "#rows": "rows", "#bytes": "bytes" },
              ExpressionAttributeValues: {
                ...values,
                ":run": s(runId),
                ":generation": s(generation),
                ":rows": n(committed.rows),
                ":bytes": n(committed.bytes),
                ":at": s(committed.committedAt)
              }
            }) : new UpdateItemCommand({
              TableName: this.tableName,
              Key: this.key(partition),
              UpdateExpression: "REMOVE claimOwner, claimRun, claimUntil",
              ConditionExpression: "claimOwner = :owner",
              ExpressionAttributeValues: values
            })
          );
        } catch (error2) {
          if (!isConditionFailure(error2)) throw error2;
        }
      }, "release")
    };
  }
  /** Every committed partition of a source (status --deployed). */
  async committed(source) {
    const out = [];
    let start;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": s(`commit#${source}`) },
          ExclusiveStartKey: start
        })
      );
      for (const item of page.Items ?? []) {
        const runId = str(item, "committedRun");
        if (!runId) continue;
        const [table = "", date3 = ""] = (str(item, "sk") ?? "").split("#");
        out.push({
          table,
          date: date3,
          runId,
          rows: num(item, "rows") ?? 0,
          bytes: num(item, "bytes") ?? 0,
          committedAt: str(item, "committedAt") ?? ""
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
};

// functions/adapters/aws/dynamo-lease.ts
import { UpdateItemCommand as UpdateItemCommand2 } from "@aws-sdk/client-dynamodb";
var DynamoLeaseStore = class {
  constructor(client, tableName, now = Date.now) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
  }
  client;
  tableName;
  now;
  static {
    __name(this, "DynamoLeaseStore");
  }
  key(name) {
    return { pk: s(`lease#${name}`), sk: s("lease") };
  }
  async tryAcquire(key, owner, durationMs) {
    const now = this.now();
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand2({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: "SET #owner = :owner, expiresAt = :expires, #ttl = :ttl ADD fence :one",
          ConditionExpression: "attribute_not_exists(#owner) OR expiresAt <= :now",
          ExpressionAttributeNames: { "#owner": "owner", "#ttl": "ttl" },
          ExpressionAttributeValues: {
            ":owner": s(owner),
            ":expires": n(now + durationMs),
            ":ttl": ttlAfter(durationMs + 864e5, now),
            ":one": n(1),
            ":now": n(now)
          },
          ReturnValues: "ALL_NEW"
        })
      );
      return { key, owner, fence: num(Attributes, "fence") ?? 1, expiresAt: now + durationMs };
    } catch (error2) {
      if (isConditionFailure(error2)) return void 0;
      throw error2;
    }
  }
  async confirm(lease, durationMs) {
    const now = this.now();
    try {
      await this.client.send(
        new UpdateItemCommand2({
          TableName: this.tableName,
          Key: this.key(lease.key),
          UpdateExpression: "SET expiresAt = :expires",
          ConditionExpression: "#owner = :owner AND fence = :fence AND expiresAt > :now",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: {
            ":owner": s(lease.owner),
            ":fence": n(lease.fence),
            ":expires": n(now + durationMs),
            ":now": n(now)
          }
        })
      );
      return true;
    } catch (error2) {
      if (isConditionFailure(error2)) return false;
      throw error2;
    }
  }
  async release(lease) {
    try {
      await this.client.send(
        new UpdateItemCommand2({
          TableName: this.tableName,
          Key: this.key(lease.key),
          UpdateExpression: "REMOVE #owner, expiresAt",
          ConditionExpression: "#owner = :owner AND fence = :fence",
          ExpressionAttributeNames: { "#owner": "owner" },
          ExpressionAttributeValues: { ":owner": s(lease.owner), ":fence": n(lease.fence) }
        })
      );
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
    }
  }
};

// functions/adapters/aws/dynamo-rate-budget.ts
import { GetItemCommand as GetItemCommand2, UpdateItemCommand as UpdateItemCommand3 } from "@aws-sdk/client-dynamodb";
var DynamoRateBudgetStore = class {
  constructor(client, tableName) {
    this.client = client;
    this.tableName = tableName;
  }
  client;
  tableName;
  static {
    __name(this, "DynamoRateBudgetStore");
  }
  async take(account, slot, cap, expiresAt) {
    try {
      await this.client.send(
        new UpdateItemCommand3({
          TableName: this.tableName,
          Key: { pk: s(`rate#${account}`), sk: s(`slot#${slot}`) },
          UpdateExpression: "ADD used :one SET #ttl = :ttl",
          ConditionExpression: "attribute_not_exists(used) OR used < :cap",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: {
            ":one": n(1),
            ":cap": n(cap),
            ":ttl": n(Math.ceil(expiresAt / 1e3) + 3600)
          }
        })
      );
      return true;
    } catch (error2) {
      if (isConditionFailure(error2)) return false;
      throw error2;
    }
  }
  async blockedUntil(account) {
    const { Item } = await this.client.send(
      new GetItemCommand2({
        TableName: this.tableName,
        Key: { pk: s(`rate#${account}`), sk: s("block") },
        ConsistentRead: true
      })
    );
    return num(Item, "until") ?? 0;
  }
  async pushBack(account, until) {
    try {
      await this.client.send(
        new UpdateItemCommand3({
          TableName: this.tableName,
          Key: { pk: s(`rate#${account}`), sk: s("block") },
          UpdateExpression: "SET #until = :until, #ttl = :ttl",
          ConditionExpression: "attribute_not_exists(#until) OR #until < :until",
          ExpressionAttributeNames: { "#until": "until", "#ttl": "ttl" },
          ExpressionAttributeValues: { ":until": n(until), ":ttl": n(Math.ceil(until / 1e3) + 86400) }
        })
      );
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
    }
  }
};

// functions/adapters/aws/dynamo-run-ledger.ts
import {
  GetItemCommand as GetItemCommand3,
  PutItemCommand,
  QueryCommand as QueryCommand2,
  UpdateItemCommand as UpdateItemCommand4
} from "@aws-sdk/client-dynamodb";
var LEDGER_TTL_MS = 90 * 864e5;
var DynamoRunLedger = class {
  constructor(client, tableName, now = Date.now) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
  }
  client;
  tableName;
  now;
  static {
    __name(this, "DynamoRunLedger");
  }
  runKey(source, runId) {
    return { pk: s(`run#${source}`), sk: s(runId) };
  }
  partKey(runId, partition) {
    return { pk: s(`part#${partition.source}#${runId}`), sk: s(`${partition.table}#${partition.date}`) };
  }
  async startRun(run, leaseMs) {
    const now = this.now();
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...this.runKey(run.source, run.runId),
            trigger: s(run.trigger),
            dates: s(JSON.stringify(run.dates)),
            state: s("planning"),
            startedAt: s(run.startedAt),
            leaseUntil: n(now + leaseMs),
            ttl: ttlAfter(LEDGER_TTL_MS, now)
          },
          ConditionExpression: "attribute_not_exists(pk)"
        })
      );
      return { started: true };
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
    }
    const { Item } = await this.client.send(
      new GetItemCommand3({
        TableName: this.tableName,
        Key: this.runKey(run.source, run.runId),
        ConsistentRead: true
      })
    );
    const existing = toRun(run.source, Item);
    if (existing.state === "planned") return { started: false, run: existing, reason: "planned" };
    const leaseUntil = num(Item, "leaseUntil") ?? 0;
    if (leaseUntil > now) return { started: false, run: existing, reason: "planning-elsewhere" };
    try {
      await this.client.send(
        new UpdateItemCommand4({
          TableName: this.tableName,
          Key: this.runKey(run.source, run.runId),
          UpdateExpression: "SET leaseUntil = :until",
          ConditionExpression: "leaseUntil = :seen AND #state = :planning",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: {
            ":until": n(now + leaseMs),
            ":seen": n(leaseUntil),
            ":planning": s("planning")
          }
        })
      );
      return { started: true };
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
      return { started: false, run: existing, reason: "planning-elsewhere" };
    }
  }
  async finishPlanning(source, runId) {
    await this.client.send(
      new UpdateItemCommand4({
        TableName: this.tableName,
        Key: this.runKey(source, runId),
        UpdateExpression: "SET #state = :planned REMOVE leaseUntil",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":planned": s("planned") }
      })
    );
  }
  async recordPlanned(entry) {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...this.partKey(entry.runId, entry.partition),
            runId: s(entry.runId),
            report: s(entry.report),
            state: s(entry.state),
            pages: n(entry.pages),
            plannedAt: s(entry.plannedAt),
            updatedAt: s(entry.updatedAt),
            ...entry.error ? { error: s(entry.error) } : {},
            ttl: ttlAfter(LEDGER_TTL_MS, this.now())
          },
          ConditionExpression: "attribute_not_exists(pk)"
        })
      );
      return true;
    } catch (error2) {
      if (isConditionFailure(error2)) return false;
      throw error2;
    }
  }
  async isPlanned(_source, runId, partition) {
    const { Item } = await this.client.send(
      new GetItemCommand3({
        TableName: this.tableName,
        Key: this.partKey(runId, partition),
        ConsistentRead: true
      })
    );
    return Item !== void 0;
  }
  async settle(runId, partition, outcome) {
    const values = { ":state": s(outcome.state), ":at": s(new Date(this.now()).toISOString()) };
    const names = { "#state": "state" };
    const sets = ["#state = :state", "updatedAt = :at"];
    for (const field of ["rows", "bytes", "error"]) {
      const value = outcome[field];
      if (value === void 0) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = typeof value === "number" ? n(value) : s(value);
      sets.push(`#${field} = :${field}`);
    }
    if (outcome.state !== "committed") values[":committed"] = s("committed");
    try {
      await this.client.send(
        new UpdateItemCommand4({
          TableName: this.tableName,
          Key: this.partKey(runId, partition),
          UpdateExpression: `SET ${sets.join(", ")}`,
          ConditionExpression: outcome.state === "committed" ? "attribute_exists(pk)" : "attribute_exists(pk) AND #state <> :committed",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values
        })
      );
    } catch (error2) {
      if (!isConditionFailure(error2)) throw error2;
    }
  }
  async partitions(source, runId) {
    const items = await this.query(`part#${source}#${runId}`);
    return items.map((item) => {
      const [table = "", date3 = ""] = (str(item, "sk") ?? "").split("#");
      return {
        runId,
        report: str(item, "report") ?? "",
        partition: { table, source, date: date3 },
        state: str(item, "state") ?? "planned",
        pages: num(item, "pages") ?? 0,
        rows: num(item, "rows"),
        bytes: num(item, "bytes"),
        error: str(item, "error"),
        plannedAt: str(item, "plannedAt") ?? "",
        updatedAt: str(item, "updatedAt") ?? ""
      };
    });
  }
  async runs(source) {
    return (await this.query(`run#${source}`)).map((item) => toRun(source, item));
  }
  async query(pk) {
    const items = [];
    let start;
    do {
      const page = await this.client.send(
        new QueryCommand2({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": s(pk) },
          ConsistentRead: true,
          ExclusiveStartKey: start
        })
      );
      items.push(...page.Items ?? []);
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
};
function toRun(source, item) {
  return {
    source,
    runId: str(item, "sk") ?? "",
    trigger: str(item, "trigger") ?? "schedule",
    dates: JSON.parse(str(item, "dates") ?? "[]"),
    state: str(item, "state") ?? "planning",
    startedAt: str(item, "startedAt") ?? ""
  };
}
__name(toRun, "toRun");

// functions/adapters/aws/s3-lake-store.ts
import { DeleteObjectCommand } from "@aws-sdk/client-s3";

// functions/engine/writers/table-writer.ts
var FILE_EXTENSIONS = { parquet: "parquet", ndjson: "ndjson" };

// functions/engine/partitions/partition.ts
var SAFE_NAME = /^[a-z][a-z0-9_]*$/;
function partitionPrefix(partition) {
  if (!SAFE_NAME.test(partition.table) || !SAFE_NAME.test(partition.source)) {
    throw new InputError(
      `table "${partition.table}" and source "${partition.source}" must be lower_snake names`
    );
  }
  if (!isCalendarDate(partition.date)) throw new InputError(`"${partition.date}" is not a date YYYY-MM-DD`);
  return `${partition.table}/source=${partition.source}/dt=${partition.date}/`;
}
__name(partitionPrefix, "partitionPrefix");
function partitionObjectKey(partition, format) {
  return `${partitionPrefix(partition)}data.${FILE_EXTENSIONS[format]}`;
}
__name(partitionObjectKey, "partitionObjectKey");

// functions/adapters/aws/s3-lake-store.ts
var COMMITS_ROOT = "_commits/";
var FORMATS = ["parquet", "ndjson"];
var CONTENT_TYPES = {
  parquet: "application/vnd.apache.parquet",
  ndjson: "application/x-ndjson"
};
var S3LakeStore = class {
  constructor(client, bucket) {
    this.client = client;
    this.bucket = bucket;
  }
  client;
  bucket;
  static {
    __name(this, "S3LakeStore");
  }
  locate(partition, format) {
    return `s3://${this.bucket}/${partitionObjectKey(partition, format)}`;
  }
  async openPartition(partition, format) {
    const sink = s3ObjectSink({
      client: this.client,
      bucket: this.bucket,
      key: partitionObjectKey(partition, format),
      contentType: CONTENT_TYPES[format]
    });
    const { client, bucket } = this;
    return {
      write: /* @__PURE__ */ __name((chunk) => sink.write(chunk), "write"),
      abort: /* @__PURE__ */ __name(() => sink.abort(), "abort"),
      async close() {
        await sink.close();
        for (const other of FORMATS.filter((f) => f !== format)) {
          await client.send(
            new DeleteObjectCommand({ Bucket: bucket, Key: partitionObjectKey(partition, other) })
          );
        }
      }
    };
  }
  commitKey(partition) {
    return `${COMMITS_ROOT}${partitionPrefix(partition).replaceAll("/", "_")}json`;
  }
  async recordCommit(record2) {
    await putJson(this.client, this.bucket, this.commitKey(record2.partition), record2);
  }
  readCommit(partition) {
    return getJson(this.client, this.bucket, this.commitKey(partition));
  }
};

// functions/adapters/aws/secrets-manager-token-cache.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import {
  GetSecretValueCommand as GetSecretValueCommand2,
  PutSecretValueCommand
} from "@aws-sdk/client-secrets-manager";

// functions/engine/time.ts
import { setTimeout as delay } from "node:timers/promises";
var MAX_TIMER_MS = 2147483647;
function sleep(ms) {
  return ms > 0 ? delay(Math.min(ms, MAX_TIMER_MS)) : Promise.resolve();
}
__name(sleep, "sleep");

// functions/adapters/aws/secrets-manager-token-cache.ts
var TOKEN_LEASE_MS = 12e4;
var tokenEntry = object({
  accessToken: string2().min(1),
  refreshToken: string2().min(1).optional(),
  expiresAt: number2(),
  obtainedAt: number2(),
  // Without it TokenProvider treats every cached token as another issuer's: each container grants.
  issuer: string2().min(1).optional()
});
var SecretsManagerTokenCache = class {
  constructor(options) {
    this.options = options;
  }
  options;
  static {
    __name(this, "SecretsManagerTokenCache");
  }
  local = /* @__PURE__ */ new Map();
  held = /* @__PURE__ */ new Map();
  secretId(source) {
    const id = this.options.tokenSecrets[source];
    if (!id) throw new ReportFetcherError("INTERNAL", `no token secret is configured for source "${source}"`);
    return id;
  }
  async read(source) {
    try {
      const response = await this.options.secrets.send(
        new GetSecretValueCommand2({ SecretId: this.secretId(source) })
      );
      const parsed = tokenEntry.safeParse(JSON.parse(response.SecretString ?? "null"));
      if (!parsed.success) return void 0;
      registerSecret(parsed.data.accessToken);
      registerSecret(parsed.data.refreshToken);
      return parsed.data;
    } catch (error2) {
      if (error2.name === "ResourceNotFoundException" || error2 instanceof SyntaxError)
        return void 0;
      throw error2;
    }
  }
  async write(source, entry) {
    const lease = this.held.get(source);
    if (lease && !await this.options.leases.confirm(lease, TOKEN_LEASE_MS)) {
      throw new ReportFetcherError(
        "INTERNAL",
        `the token lease of "${source}" was taken over while this container refreshed; its token is not published`,
        { retryable: true }
      );
    }
    await this.options.secrets.send(
      new PutSecretValueCommand({ SecretId: this.secretId(source), SecretString: JSON.stringify(entry) })
    );
  }
  withLock(source, fn) {
    const previous = this.local.get(source) ?? Promise.resolve();
    const run = previous.then(
      () => this.withLease(source, fn),
      () => this.withLease(source, fn)
    );
    this.local.set(
      source,
      run.catch(() => void 0)
    );
    return run;
  }
  async withLease(source, fn) {
    const { leases } = this.options;
    const owner = randomUUID2();
    let lease;
    for (; ; ) {
      lease = await leases.tryAcquire(`token#${source}`, owner, TOKEN_LEASE_MS);
      if (lease) break;
      await sleep((this.options.pollMs ?? 200) * (0.5 + Math.random()));
    }
    this.held.set(source, lease);
    try {
      return await fn();
    } finally {
      this.held.delete(source);
      await leases.release(lease).catch(() => void 0);
    }
  }
};

// functions/adapters/aws/sqs-task-queue.ts
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
var SQS_BATCH = 10;
var MAX_ATTEMPTS = 5;
var SqsTaskQueue = class {
  constructor(client, queueUrl) {
    this.client = client;
    this.queueUrl = queueUrl;
  }
  client;
  queueUrl;
  static {
    __name(this, "SqsTaskQueue");
  }
  async send(tasks) {
    for (let start = 0; start < tasks.length; start += SQS_BATCH) {
      let pending = tasks.slice(start, start + SQS_BATCH).map((task, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(task)
      }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const response = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending })
        );
        const failed = new Set((response.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= MAX_ATTEMPTS) {
          const reasons = (response.Failed ?? []).map((f) => f.Code).join(", ");
          throw new Error(`SQS refused ${pending.length} task(s) after ${attempt} attempts: ${reasons}`);
        }
      }
    }
  }
};

// functions/engine/auth/auth-spec.ts
function credentialKeysOf(spec) {
  if (spec.kind === "api-key") return [spec.credential];
  const endpoints = spec.kind === "refresh-grant" ? [spec.grant, spec.refresh] : [spec.grant];
  const keys = /* @__PURE__ */ new Set();
  for (const endpoint of endpoints) {
    for (const value of Object.values(endpoint.params))
      if (typeof value !== "string") keys.add(value.credential);
  }
  return [...keys];
}
__name(credentialKeysOf, "credentialKeysOf");
function credentialParams(...keys) {
  return Object.fromEntries(keys.map((key) => [key, { credential: key }]));
}
__name(credentialParams, "credentialParams");

// functions/connectors/adcloud.ts
var advertiserSchema = tableSchema([
  col.date("date", { description: "Report date (YYYY-MM-DD)" }),
  col.bigint("website_id"),
  col.string("website", { nullable: true }),
  col.bigint("topic_id"),
  col.string("topic", { nullable: true }),
  col.bigint("ad_placement_id"),
  col.string("position", { nullable: true }),
  col.bigint("product_id"),
  col.string("product", { nullable: true }),
  col.bigint("ad_id"),
  col.string("ad", { nullable: true }),
  col.bigint("booking_id"),
  col.string("booking", { nullable: true }),
  col.string("page_type", { nullable: true }),
  col.string("publisher", { nullable: true }),
  col.string("language", { nullable: true, description: "ISO 639-1" }),
  col.string("country", { nullable: true, description: "ISO 3166-1 alpha-2" }),
  col.string("currency", { nullable: true, description: "ISO 4217" }),
  col.bigint("design_id"),
  col.string("design", { nullable: true }),
  col.bigint("ad_position"),
  col.bigint("ad_count"),
  col.bigint("ad_impressions"),
  col.double("ad_impressions_costs"),
  col.bigint("clicks"),
  col.bigint("clicks_overdelivered"),
  col.bigint("clicks_filtered"),
  col.bigint("clicks_image"),
  col.bigint("clicks_head"),
  col.bigint("clicks_txt"),
  col.bigint("clicks_link"),
  col.double("clicks_costs"),
  col.bigint("postclick_conversions"),
  col.bigint("postclick_conversions_overdelivered"),
  col.bigint("postclick_conversions_filtered"),
  col.double("postclick_conversions_costs"),
  col.bigint("postview_conversions"),
  col.bigint("postview_conversions_overdelivered"),
  col.bigint("postview_conversions_filtered"),
  col.double("postview_conversions_costs"),
  col.bigint("cancellations"),
  col.double("costs")
]);
var adcloud = {
  name: "adcloud",
  description: "Adcloud advertiser reports",
  defaultBaseUrl: "https://api.adcloud.com",
  auth: {
    kind: "token-grant",
    grant: {
      path: "/v1/oauth/access_token",
      encoding: "form",
      params: { ...credentialParams("client_id", "client_secret"), grant_type: "none" }
    },
    assumedTtlSeconds: 2 * 60 * 60,
    placement: { scheme: "Bearer" }
  },
  rules: { authFailureStatuses: [401] },
  maxConcurrency: 4,
  reports: {
    advertiser: {
      table: "adcloud_advertiser",
      description: "Advertiser performance per placement, topic, booking and ad, per day",
      kind: "daily",
      schema: advertiserSchema,
      uniqueKey: ["ad_placement_id", "topic_id", "booking_id", "ad_id", "ad_count", "ad_position"],
      dateColumn: "date",
      request: /* @__PURE__ */ __name(({ date: date3 }) => ({
        method: "GET",
        path: "/v1/reports/advertiser",
        query: { "filter[date]": date3 }
      }), "request"),
      paginator: {
        kind: "page-number",
        in: "query",
        pageParam: "page",
        sizeParam: "per_page",
        pageSize: 200,
        firstPage: 1
      },
      response: {
        kind: "json",
        records: "result",
        totalItems: "collection.size",
        nextUrl: "collection.next_url",
        bodyStatus: "status"
      }
    }
  }
};

// functions/engine/run/report-dates.ts
var DAY_MS2 = 864e5;
function addDays(date3, days) {
  return new Date(Date.parse(`${date3}T00:00:00Z`) + days * DAY_MS2).toISOString().slice(0, 10);
}
__name(addDays, "addDays");
function isValidTimezone(timezone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
__name(isValidTimezone, "isValidTimezone");
function dayBoundsUtc(date3, timezone) {
  return { start: zonedMidnightUtc(date3, timezone), end: zonedMidnightUtc(addDays(date3, 1), timezone) };
}
__name(dayBoundsUtc, "dayBoundsUtc");
function zonedMidnightUtc(date3, timezone) {
  const utcMidnight = Date.parse(`${date3}T00:00:00Z`);
  let guess = utcMidnight - offsetMs(utcMidnight, timezone);
  guess = utcMidnight - offsetMs(guess, timezone);
  return new Date(guess).toISOString().replace(".000Z", "Z");
}
__name(zonedMidnightUtc, "zonedMidnightUtc");
function offsetMs(at, timezone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit"
  }).formatToParts(new Date(at)).reduce(
    (acc, part) => Object.assign(acc, { [part.type]: Number(part.value) }),
    {}
  );
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second
  );
  return asUtc - Math.floor(at / 1e3) * 1e3;
}
__name(offsetMs, "offsetMs");

// functions/connectors/mediamath.ts
var mode = _enum(["paginated", "streaming"]);
var filterSchema = strictObject({
  field: string2().min(1),
  op: _enum(["=", "!=", ">", ">=", "<", "<=", "=~"]).optional(),
  value: union([string2(), number2(), array(union([string2(), number2()]))])
});
var optionsSchema = strictObject({
  organizationId: int().positive(),
  mode: mode.default("paginated"),
  /** Overrides `mode` per report, e.g. { "performance_by_hour": "streaming" }. */
  modes: record(string2(), mode).default({}),
  /** Rows per page in paginated mode ("The minimum value is 1 and the maximum value is 1000"). */
  pageSize: int().min(1).max(1e3).default(1e3),
  /** Further filters (ANDed with the organization's), e.g. [{ "field": "advertiser_id", "value": 1 }]. */
  filters: array(filterSchema).default([])
});
var performanceSchema = tableSchema([
  col.timestamp("agg_timestamp", { description: "Start of the day or hour (UTC) the row covers" }),
  col.bigint("organization_id"),
  col.string("organization_name", { nullable: true }),
  col.bigint("agency_id"),
  col.string("agency_name", { nullable: true }),
  col.bigint("advertiser_id"),
  col.string("advertiser_name", { nullable: true }),
  col.bigint("campaign_id"),
  col.string("campaign_name", { nullable: true }),
  col.bigint("strategy_id"),
  col.string("strategy_name", { nullable: true }),
  col.string("strategy_type", { nullable: true, description: "DISPLAY or VIDEO" }),
  col.string("exchange_name"),
  col.bigint("impressions"),
  col.bigint("clicks"),
  col.bigint("total_conversions"),
  col.bigint("post_click_conversions"),
  col.bigint("post_view_conversions"),
  col.double("media_cost"),
  col.double("total_spend"),
  col.bigint("video_start", { nullable: true, description: "Null for non-video strategies" }),
  col.bigint("video_complete", { nullable: true, description: "Null for non-video strategies" })
]);
var FIELDS = recordFields(performanceSchema);
var ORDER = ["agg_timestamp", "strategy_id", "exchange_name"].map((field) => ({ field, desc: false }));
function optionsOf(options) {
  return options;
}
__name(optionsOf, "optionsOf");
function responseMode(options, reportName) {
  const { mode: all, modes, pageSize } = optionsOf(options);
  if ((modes?.[reportName] ?? all) === "streaming") {
    return {
      paginator: { kind: "single" },
      response: { kind: "ndjson", headerTotalItems: "total_items_count", classify: classifyStreamLine }
    };
  }
  return {
    paginator: {
      kind: "page-number",
      in: "body",
      pageParam: "pagination.page_index",
      sizeParam: "pagination.page_size",
      pageSize: pageSize ?? 1e3,
      firstPage: 0
    },
    response: {
      kind: "json",
      records: "results",
      totalPages: "meta.total_pages",
      totalItems: "meta.total_items_count"
    }
  };
}
__name(responseMode, "responseMode");
function classifyStreamLine(line) {
  if ("error_code" in line) return "error";
  if (Array.isArray(line.fields) && "total_items_count" in line) return "header";
  if ("meta" in line && Object.keys(line).length === 1) return "meta";
  return "data";
}
__name(classifyStreamLine, "classifyStreamLine");
function performanceReport(rollup) {
  return {
    table: `mediamath_performance_${rollup}`,
    description: `Performance per strategy and exchange, ${rollup === "by_day" ? "per day" : "per hour"}`,
    kind: "daily",
    schema: performanceSchema,
    uniqueKey: ["agg_timestamp", "strategy_id", "exchange_name"],
    request: /* @__PURE__ */ __name(({ date: date3, timezone, options }) => {
      const { start, end } = dayBoundsUtc(date3, timezone);
      const { organizationId, filters } = optionsOf(options);
      return {
        method: "POST",
        path: "/reporting/v2/performance",
        body: {
          fields: FIELDS,
          filters: [{ field: "organization_id", op: "=", value: organizationId }, ...filters ?? []],
          order: ORDER,
          rollup,
          start_time: start,
          end_time: end
        }
      };
    }, "request"),
    ...responseMode({}, ""),
    variant: responseMode,
    validate: /* @__PURE__ */ __name((options) => assertKnownFields(
      performanceSchema,
      (optionsOf(options).filters ?? []).map((filter) => filter.field),
      "filters"
    ), "validate")
  };
}
__name(performanceReport, "performanceReport");
var mediamath = {
  name: "mediamath",
  description: "MediaMath Reporting API v2 performance dataset, by day and by hour",
  defaultBaseUrl: "https://api.mediamath.com",
  defaultAuthUrl: "https://auth.mediamath.com",
  auth: {
    kind: "jwt-bearer",
    grant: {
      path: "/oauth/token",
      encoding: "json",
      params: {
        ...credentialParams("client_id", "client_secret"),
        grant_type: "client_credentials",
        audience: "https://api.mediamath.com/"
      }
    },
    placement: { scheme: "Bearer" }
  },
  rules: { authFailureStatuses: [401] },
  maxConcurrency: 4,
  options: optionsSchema,
  reports: {
    performance_by_day: performanceReport("by_day"),
    performance_by_hour: performanceReport("by_hour")
  }
};

// functions/engine/connector-definition.ts
import { createHash } from "node:crypto";
function sliceKeyPart(value) {
  const text = String(value);
  if (/^[A-Za-z0-9_-]{1,100}$/.test(text)) return text;
  if (text.length > 100) return `sha256.${createHash("sha256").update(text).digest("hex")}`;
  return `b64.${Buffer.from(text, "utf8").toString("base64url")}`;
}
__name(sliceKeyPart, "sliceKeyPart");
function pathPart(value) {
  return encodeURIComponent(String(value));
}
__name(pathPart, "pathPart");

// functions/connectors/trackmaster.ts
var optionsSchema2 = strictObject({
  /** The media (publisher sites) whose campaigns are fetched; AdMaster assigns the ids. */
  mediaIds: array(int().positive()).min(1, "list at least one media id")
});
var PAGINATOR = { kind: "link-header", sizeParam: "per_page", pageSize: 100 };
var JSON_ARRAY_WITH_LINKS = { kind: "json", records: "", nextLink: true };
var campaignSchema = tableSchema([
  col.bigint("media_id", { fromSlice: true }),
  col.bigint("id", { description: "Campaign id" }),
  col.string("name", { nullable: true }),
  col.date("start_date", { nullable: true }),
  col.date("end_date", { nullable: true }),
  col.timestamp("created_at", { nullable: true })
]);
var dailyReportSchema = tableSchema([
  col.date("date", { from: "time", description: "Report date (YYYY-MM-DD)" }),
  col.bigint("media_id", { fromSlice: true }),
  col.bigint("campaign_id", { fromSlice: true }),
  col.string("campaign_name", { fromSlice: true, nullable: true }),
  col.bigint("imp", { nullable: true, description: "Impressions" }),
  col.bigint("uimp", { nullable: true, description: "Unique impressions" }),
  col.bigint("clk", { nullable: true, description: "Clicks" }),
  col.bigint("uclk", { nullable: true, description: "Unique clicks" })
]);
function mediaIdsOf(options) {
  return options.mediaIds;
}
__name(mediaIdsOf, "mediaIdsOf");
function runsOn(campaign, date3) {
  const start = typeof campaign.start_date === "string" ? campaign.start_date : void 0;
  const end = typeof campaign.end_date === "string" ? campaign.end_date : void 0;
  return (!start || start <= date3) && (!end || date3 <= end);
}
__name(runsOn, "runsOn");
async function liveCampaignSlices(ctx) {
  const slices = [];
  for (const mediaId of mediaIdsOf(ctx.options)) {
    const campaigns = await ctx.fetchRecords("campaigns", { media_id: mediaId }).catch((error2) => {
      throw unknownMediaError(error2, mediaId);
    });
    for (const campaign of campaigns) {
      if (!runsOn(campaign, ctx.date)) continue;
      slices.push({
        key: `media=${sliceKeyPart(mediaId)}/campaign=${sliceKeyPart(String(campaign.id))}`,
        params: {
          media_id: mediaId,
          campaign_id: campaign.id,
          campaign_name: typeof campaign.name === "string" ? campaign.name : null
        }
      });
    }
  }
  return slices;
}
__name(liveCampaignSlices, "liveCampaignSlices");
function unknownMediaError(error2, mediaId) {
  if (!(error2 instanceof ReportFetcherError) || error2.code !== "VENDOR_NOT_FOUND") return error2;
  return new ReportFetcherError(
    "VENDOR_NOT_FOUND",
    `media ${mediaId} is unknown to TrackMaster or not visible to these credentials (check options.mediaIds): ${error2.message}`,
    { cause: error2 }
  );
}
__name(unknownMediaError, "unknownMediaError");
var trackmaster = {
  name: "trackmaster",
  description: "AdMaster TrackMaster publisher campaigns and daily campaign reports",
  defaultBaseUrl: "https://track.admasterapi.com",
  defaultAuthUrl: "https://open.admaster.com.cn",
  auth: {
    kind: "refresh-grant",
    grant: {
      path: "/oauth/access_token",
      encoding: "json",
      params: {
        ...credentialParams("client_id", "client_secret", "email", "password"),
        grant_type: "password"
      }
    },
    refresh: {
      path: "/oauth/access_token",
      encoding: "json",
      params: { ...credentialParams("client_id", "client_secret"), grant_type: "refresh_token" },
      refreshTokenParam: "refresh_token"
    },
    assumedTtlSeconds: 18e3,
    placement: { scheme: "token" }
  },
  rules: {
    authFailureStatuses: [401],
    notFoundMayBeAuthFailure: true,
    rateLimitHeaders: {
      remaining: "X-RateLimit-Remaining",
      reset: "X-RateLimit-Reset",
      resetIn: "epoch-seconds"
    },
    rateLimitRefusal: { status: 403, bodyPattern: /rate limit/i }
  },
  rateLimit: { requests: 5e3, windowMs: 36e5 },
  maxConcurrency: 4,
  options: optionsSchema2,
  reports: {
    campaigns: {
      table: "trackmaster_campaigns",
      description: "Campaigns of each configured media, as of the snapshot date",
      kind: "snapshot",
      schema: campaignSchema,
      uniqueKey: ["media_id", "id"],
      request: /* @__PURE__ */ __name(({ slice }) => ({ method: "GET", path: `/medias/${pathPart(slice.media_id)}/campaigns` }), "request"),
      slices: /* @__PURE__ */ __name(async ({ options }) => mediaIdsOf(options).map((mediaId) => ({ key: `media=${mediaId}`, params: { media_id: mediaId } })), "slices"),
      paginator: PAGINATOR,
      response: JSON_ARRAY_WITH_LINKS
    },
    daily_reports: {
      table: "trackmaster_daily_reports",
      description: "Impressions and clicks per campaign and day, for campaigns live on the date",
      kind: "daily",
      schema: dailyReportSchema,
      uniqueKey: ["media_id", "campaign_id"],
      dateColumn: "date",
      request: /* @__PURE__ */ __name(({ slice, date: date3 }) => ({
        method: "GET",
        path: `/medias/${pathPart(slice.media_id)}/campaigns/${pathPart(slice.campaign_id)}/daily_reports`,
        query: { start_time: date3, end_time: date3 }
      }), "request"),
      slices: liveCampaignSlices,
      paginator: PAGINATOR,
      response: JSON_ARRAY_WITH_LINKS
    }
  }
};

// functions/connectors/tune.ts
var SORT = "id";
var DEFAULT_PAGE_SIZE = 1e3;
var optionsSchema3 = strictObject({
  /** Records per find.json page (TUNE's default is 10; larger pages mean fewer requests). */
  pageSize: int().min(1).max(1e3).default(DEFAULT_PAGE_SIZE),
  /** A TUNE filter per report, e.g. { "campaigns": "(status = 'active')" }. */
  filters: record(string2(), string2().min(1)).default({})
});
var lifecycle = /* @__PURE__ */ __name(() => [col.string("status"), col.timestamp("created"), col.timestamp("modified")], "lifecycle");
function filterFieldNames(filter) {
  const withoutLiterals = filter.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const operand = /([A-Za-z_][A-Za-z0-9_.]*)\s*(?:!=|<>|<=|>=|=|<|>|\b(?:not\s+)?(?:r?like|in|between)\b|\bis\b)/gi;
  return [...withoutLiterals.matchAll(operand)].map((match) => match[1]);
}
__name(filterFieldNames, "filterFieldNames");
function filterOf(options, reportName) {
  return options.filters?.[reportName];
}
__name(filterOf, "filterOf");
var pages = /* @__PURE__ */ __name((pageSize) => ({
  kind: "page-number",
  in: "query",
  pageParam: "page",
  sizeParam: "limit",
  pageSize,
  firstPage: 1
}), "pages");
function entityReport(reportName, entity, description, columns) {
  const schema = tableSchema(columns);
  const fields = recordFields(schema);
  const filterQuery = /* @__PURE__ */ __name(({ options }) => {
    const filter = filterOf(options, reportName);
    return filter ? { filter } : {};
  }, "filterQuery");
  return {
    table: `tune_${reportName}`,
    description,
    kind: "snapshot",
    schema,
    uniqueKey: ["id"],
    request: /* @__PURE__ */ __name((ctx) => ({
      method: "GET",
      path: `/v2/${entity}/find.json`,
      query: { fields: fields.join(","), sort: SORT, ...filterQuery(ctx) }
    }), "request"),
    count: {
      request: /* @__PURE__ */ __name((ctx) => ({ method: "GET", path: `/v2/${entity}/count.json`, query: filterQuery(ctx) }), "request"),
      path: "data"
    },
    paginator: pages(DEFAULT_PAGE_SIZE),
    variant: /* @__PURE__ */ __name((options) => ({ paginator: pages(options.pageSize ?? DEFAULT_PAGE_SIZE) }), "variant"),
    response: {
      kind: "json",
      records: "data",
      bodyStatus: "status_code",
      declaredSize: { path: "response_size" }
    },
    validate: /* @__PURE__ */ __name((options) => {
      assertKnownFields(schema, fields, "fields");
      assertKnownFields(schema, [SORT], "sort");
      const filter = filterOf(options, reportName);
      if (filter) assertKnownFields(schema, filterFieldNames(filter), `filter "${filter}"`);
    }, "validate")
  };
}
__name(entityReport, "entityReport");
var reports = {
  campaigns: entityReport("campaigns", "advertiser/campaigns", "Advertiser campaigns", [
    col.bigint("id"),
    col.string("name"),
    col.bigint("advertiser_id"),
    col.bigint("site_id"),
    col.bigint("publisher_id"),
    ...lifecycle(),
    col.string("currency"),
    col.double("budget", { nullable: true }),
    col.timestamp("start_date"),
    col.timestamp("end_date", { nullable: true }),
    col.string("cost_model"),
    col.string("external_id", { nullable: true })
  ]),
  sites: entityReport("sites", "advertiser/sites", "Advertiser sites (mobile apps and web sites)", [
    col.bigint("id"),
    col.string("name"),
    col.bigint("advertiser_id"),
    col.string("package_name", { nullable: true }),
    col.string("mobile_app_type", { nullable: true }),
    col.string("url"),
    ...lifecycle(),
    col.string("store_app_id", { nullable: true }),
    col.string("timezone"),
    col.string("currency")
  ]),
  publishers: entityReport("publishers", "advertiser/publishers", "Publishers (partners) of the advertiser", [
    col.bigint("id"),
    col.string("name"),
    ...lifecycle(),
    col.string("company"),
    col.string("website", { nullable: true }),
    col.string("country_code"),
    col.string("contact_email", { nullable: true })
  ]),
  users: entityReport("users", "account/users", "Users of the account", [
    col.bigint("id"),
    col.string("first_name"),
    col.string("last_name"),
    col.string("email"),
    ...lifecycle(),
    col.string("title", { nullable: true }),
    col.string("phone", { nullable: true }),
    col.timestamp("last_login", { nullable: true }),
    col.string("timezone")
  ])
};
var tune = {
  name: "tune",
  description: "TUNE Management API entity snapshots (campaigns, sites, publishers, users)",
  defaultBaseUrl: "https://api.mobileapptracking.com",
  auth: { kind: "api-key", queryParam: "api_key", credential: "api_key" },
  rules: { authFailureStatuses: [401] },
  maxConcurrency: 4,
  options: optionsSchema3,
  reports
};

// functions/connectors/index.ts
var CONNECTORS = {
  adcloud,
  trackmaster,
  tune,
  mediamath
};

// functions/engine/http/origin.ts
var PinnedOrigin = class {
  constructor(base, role) {
    this.role = role;
    const url = new URL(base);
    assertCredentialSafe(url, role);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  }
  role;
  static {
    __name(this, "PinnedOrigin");
  }
  origin;
  /** The configured base URL's path, with a trailing slash: every request path starts with it. */
  pathPrefix;
  /** True when `url` is on this origin and under its path prefix. */
  contains(url) {
    return url.origin === this.origin && (url.pathname === this.pathPrefix.slice(0, -1) || url.pathname.startsWith(this.pathPrefix)) && url.username === "" && url.password === "";
  }
  /** Throws unless a request with credentials may go to `url`. */
  check(url, what = "request") {
    if (!this.contains(url)) {
      throw new ReportFetcherError(
        "UNTRUSTED_URL",
        `refusing to send credentials to ${describeOrigin(url)}: the ${what} is not under the configured ${this.role} ${this.origin}${this.pathPrefix}`
      );
    }
  }
  /**
   * Reduces a URL the vendor supplied to a page reference: the path and query on this origin,
   * without credential parameters (by name) or any parameter whose value holds a registered
   * secret. Throws when the URL leaves the origin or the path prefix.
   */
  reduce(vendorUrl, what) {
    let url;
    try {
      url = new URL(vendorUrl, `${this.origin}${this.pathPrefix}`);
    } catch {
      throw new ReportFetcherError("UNTRUSTED_URL", `the vendor's ${what} is not a URL`);
    }
    if (!this.contains(url)) {
      throw new ReportFetcherError(
        "UNTRUSTED_URL",
        `the vendor's ${what} points to ${describeOrigin(url)}${url.origin === this.origin ? " outside the configured path" : ""}; only ${this.origin}${this.pathPrefix} is followed`
      );
    }
    for (const [name, value] of [...url.searchParams]) {
      if (SECRET_PARAMS.includes(name.toLowerCase()) || containsSecret(value))
        url.searchParams.delete(name);
    }
    return `${url.pathname}${url.search}`;
  }
};
function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
__name(isLoopbackHost, "isLoopbackHost");
function assertCredentialSafe(url, role) {
  if (url.username || url.password) {
    throw new ReportFetcherError(
      "CONFIG_INVALID",
      `${role} must not carry a user name or password (put credentials in "credentials")`
    );
  }
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return;
  throw new ReportFetcherError(
    "UNTRUSTED_URL",
    `${role} ${describeOrigin(url)} is not https: credentials go over https only (plain http only to loopback)`
  );
}
__name(assertCredentialSafe, "assertCredentialSafe");
function describeOrigin(url) {
  try {
    const parsed = typeof url === "string" ? new URL(url) : url;
    if (parsed.origin !== "null") return parsed.origin;
    return `${parsed.protocol}\u2026`;
  } catch {
    return "an invalid URL";
  }
}
__name(describeOrigin, "describeOrigin");

// functions/engine/limits.ts
var DEFAULT_LIMITS = {
  maxPagesPerPartition: 1e5,
  maxRowsPerPartition: 5e7,
  maxResponseBytes: 64 * 1024 * 1024,
  maxStreamBytes: 8 * 1024 * 1024 * 1024,
  maxLineBytes: 4 * 1024 * 1024,
  idleTimeoutSeconds: 30,
  requestTimeoutSeconds: 30 * 60,
  // TrackMaster's quota is hourly (X-RateLimit-Reset up to an hour ahead), plus a margin.
  maxVendorWaitSeconds: 65 * 60,
  partitionDeadlineSeconds: 6 * 3600,
  // Under a day, so a daily schedule never stacks runs of one source.
  runDeadlineSeconds: 23 * 3600
};

// functions/config/config-schema.ts
var NAME = /^[a-z][a-z0-9_]{0,39}$/;
var PROTOTYPE_NAMES = /* @__PURE__ */ new Set([
  "__proto__",
  "constructor",
  "prototype",
  "__definegetter__",
  "__definesetter__",
  "__lookupgetter__",
  "__lookupsetter__",
  "hasownproperty",
  "isprototypeof",
  "propertyisenumerable",
  "tolocalestring",
  "tostring",
  "valueof"
]);
var SECRET_LOOKING_KEY = /(secret|password|api_?key|token)/i;
var credentialUrl = string2().refine((value) => URL.canParse(value), "must be an absolute URL").refine((value) => {
  const url = new URL(value);
  return url.protocol === "https:" || url.protocol === "http:" && isLoopbackHost(url.hostname);
}, "must be https (plain http only to localhost/127.0.0.1/::1): credentials are sent to it").refine((value) => {
  const url = new URL(value);
  return url.username === "" && url.password === "";
}, 'must not carry a user name or password: put credentials in "credentials"').refine((value) => {
  const url = new URL(value);
  return url.search === "" && url.hash === "";
}, "must not carry a query or fragment");
var positive = number2().positive().finite();
var limitsSchema = strictObject(
  Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((key) => [key, positive.optional()]))
);
var safeKey = /* @__PURE__ */ __name((what) => string2().refine(
  (key) => !PROTOTYPE_NAMES.has(key.toLowerCase()),
  `${what} must not be a JavaScript property name such as __proto__ or constructor`
), "safeKey");
var credentialsSchema = strictObject({
  /** credential key → environment variable that holds it. */
  env: record(
    safeKey("a credential key"),
    string2().regex(
      /^[A-Z_][A-Z0-9_]{0,127}$/,
      "must be an environment variable name (the value itself goes in the environment)"
    )
  ).optional(),
  /** A git-ignored JSON file: { "<source>": { "<credential key>": "value" } }. */
  file: string2().min(1).optional()
}).refine((c) => !(c.env && c.file), 'give either "env" or "file", not both');
var sourceSchema = strictObject({
  name: string2().regex(NAME, "must be lower_snake_case, at most 40 characters (it names folders and AWS resources)").refine(
    (name) => !PROTOTYPE_NAMES.has(name),
    "must not be a JavaScript property name such as constructor"
  ),
  connector: string2(),
  /** Defaults to the vendor's public URL; point it anywhere that speaks the vendor's API. */
  baseUrl: credentialUrl.optional(),
  authUrl: credentialUrl.optional(),
  timezone: string2().refine(isValidTimezone, "must be an IANA time zone such as Europe/Berlin").default("UTC"),
  /** EventBridge Scheduler expression, evaluated in `timezone`. */
  schedule: string2().regex(/^(cron|rate)\(.+\)$/, "must be cron(...) or rate(...)").default("cron(0 6 * * ? *)"),
  lookbackDays: int().min(0).max(90).default(2),
  reports: array(string2()).min(1).optional(),
  format: _enum(["parquet", "ndjson"]).default("parquet"),
  credentials: credentialsSchema.optional(),
  options: record(safeKey("an option name"), unknown()).refine(
    (o) => !Object.keys(o).some((k) => SECRET_LOOKING_KEY.test(k)),
    'must not hold secrets: use "credentials"'
  ).default({}),
  concurrency: int().min(1).max(256).optional(),
  rateLimit: strictObject({ requests: int().min(1), windowSeconds: number2().positive() }).optional(),
  /** Budgets on what the vendor controls; see docs/guarantees.md §8. */
  limits: limitsSchema.optional()
});
var configSchema = strictObject({
  $schema: string2().optional(),
  sources: array(sourceSchema).min(1, "list at least one source")
}).superRefine((config2, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  config2.sources.forEach((source, index) => {
    if (seen.has(source.name))
      ctx.addIssue({
        code: "custom",
        path: ["sources", index, "name"],
        message: `duplicate source name "${source.name}"`
      });
    seen.add(source.name);
  });
});
function quoted(value) {
  const shown = hideIfSecret(value);
  return shown === value ? `"${value}"` : shown;
}
__name(quoted, "quoted");
function hideIfSecret(value) {
  const secretLike = value.length > 48 || value.split(/[_\-.:/]/).some((part) => part.length >= 12 && /[a-z]/i.test(part) && /\d/.test(part)) || /[^\x20-\x7e]/.test(value);
  return secretLike ? "(a value that looks like a secret, not shown)" : value;
}
__name(hideIfSecret, "hideIfSecret");

// functions/config/load-config.ts
function parseConfig(json, origin = "config") {
  const polluting = prototypeKeyPath(json);
  if (polluting) {
    throw new ConfigError(
      `${origin}: ${polluting}: a JavaScript property name such as __proto__ or constructor is not a valid key`
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${origin}: ${formatIssue(parsed.error, json)}`);
  const config2 = parsed.data;
  for (const [index, source] of config2.sources.entries()) checkConnector(source, index, origin);
  return config2;
}
__name(parseConfig, "parseConfig");
function checkConnector(source, index, origin) {
  const where = `${origin}: sources[${index}] (${quoted(source.name)})`;
  const connector = CONNECTORS[source.connector];
  if (!connector) {
    throw new ConfigError(
      `${where}.connector: unknown connector ${quoted(source.connector)} (known: ${Object.keys(CONNECTORS).join(", ")})`
    );
  }
  for (const report of source.reports ?? []) {
    if (!connector.reports[report]) {
      throw new ConfigError(
        `${where}.reports: connector ${connector.name} has no report ${quoted(report)} (it has: ${Object.keys(connector.reports).join(", ")})`
      );
    }
  }
  if (connector.options) {
    const options = connector.options.safeParse(source.options);
    if (!options.success)
      throw new ConfigError(`${where}.options: ${formatIssue(options.error, source.options)}`);
    source.options = options.data;
  }
  for (const report of reportsOf(source)) {
    try {
      connector.reports[report].validate?.(source.options);
    } catch (error2) {
      throw new ConfigError(`${where}.options (report ${report}): ${error2.message}`);
    }
  }
}
__name(checkConnector, "checkConnector");
function reportsOf(source) {
  const connector = CONNECTORS[source.connector];
  return source.reports ?? Object.entries(connector.reports).filter(([, r]) => !r.internal).map(([name]) => name);
}
__name(reportsOf, "reportsOf");
function formatIssue(error2, input) {
  const issue2 = error2.issues[0];
  const path = issue2.path.map((p) => typeof p === "number" ? `[${p}]` : `.${hideIfSecret(String(p))}`).join("").replace(/^\./, "");
  if (issue2.code === "unrecognized_keys") {
    const keys = issue2.keys;
    return `${path ? `${path}: ` : ""}unknown key${keys.length > 1 ? "s" : ""} ${keys.map(quoted).join(", ")}`;
  }
  void input;
  return `${path || "(top level)"}: ${issue2.message}`;
}
__name(formatIssue, "formatIssue");
function prototypeKeyPath(json, path = "") {
  if (json === null || typeof json !== "object") return void 0;
  for (const key of Object.keys(json)) {
    const here = Array.isArray(json) ? `${path}[${key}]` : path ? `${path}.${hideIfSecret(key)}` : hideIfSecret(key);
    if (!Array.isArray(json) && PROTOTYPE_NAMES.has(key.toLowerCase())) return here;
    const inner = prototypeKeyPath(json[key], here);
    if (inner) return inner;
  }
  return void 0;
}
__name(prototypeKeyPath, "prototypeKeyPath");

// functions/config/source-settings.ts
function toSourceSettings(source, credentials) {
  const connector = CONNECTORS[source.connector];
  return {
    name: source.name,
    connector,
    baseUrl: source.baseUrl ?? connector.defaultBaseUrl,
    ...authUrlOf(source, connector),
    timezone: source.timezone,
    lookbackDays: source.lookbackDays,
    reports: reportsOf(source),
    format: source.format,
    options: source.options,
    concurrency: source.concurrency ?? connector.maxConcurrency,
    ...source.rateLimit ? {
      rateLimit: { requests: source.rateLimit.requests, windowMs: source.rateLimit.windowSeconds * 1e3 }
    } : {},
    credentials,
    ...source.limits ? { limits: source.limits } : {}
  };
}
__name(toSourceSettings, "toSourceSettings");
function authUrlOf(source, connector) {
  if (source.authUrl) return { authUrl: source.authUrl };
  if (source.baseUrl || !connector.defaultAuthUrl) return {};
  return { authUrl: connector.defaultAuthUrl };
}
__name(authUrlOf, "authUrlOf");

// functions/engine/control/rate-account.ts
import { createHash as createHash2 } from "node:crypto";
function rateBudgetAccount(settings) {
  const digest = createHash2("sha256").update(
    JSON.stringify([
      settings.connector.name,
      settings.baseUrl,
      Object.entries(settings.credentials).sort(([a], [b]) => a.localeCompare(b))
    ])
  ).digest("hex").slice(0, 16);
  return `${settings.connector.name}:${digest}`;
}
__name(rateBudgetAccount, "rateBudgetAccount");
function effectiveRateLimit(settings) {
  return settings.rateLimit ?? settings.connector.rateLimit;
}
__name(effectiveRateLimit, "effectiveRateLimit");

// functions/engine/http/retry-policy.ts
var DEFAULT_RETRY_POLICY = {
  maxAttempts: 6,
  retryStatuses: [408, 425, 429, 500, 502, 503, 504],
  retryNetworkErrors: true,
  baseDelayMs: 250,
  maxDelayMs: 2e4,
  jitter: "full",
  // limits.maxVendorWaitSeconds; SourceRuntime sets it from the source's limits.
  maxRetryAfterMs: 65 * 6e4
};
function backoffDelayMs(policy, retry, random = Math.random) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return policy.jitter === "full" ? Math.round(ceiling * random()) : ceiling;
}
__name(backoffDelayMs, "backoffDelayMs");
function parseRetryAfterMs(value, now = Date.now()) {
  if (value == null || value.trim() === "") return void 0;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1e3);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return void 0;
  return Math.max(0, at - now);
}
__name(parseRetryAfterMs, "parseRetryAfterMs");
function retryDelayMs(policy, retry, retryAfterMs, random = Math.random) {
  if (retryAfterMs !== void 0) return retryAfterMs > policy.maxRetryAfterMs ? void 0 : retryAfterMs;
  return backoffDelayMs(policy, retry, random);
}
__name(retryDelayMs, "retryDelayMs");

// functions/engine/http/retry.ts
function retryAfterOf(error2) {
  return error2.retryAfterMs;
}
__name(retryAfterOf, "retryAfterOf");
async function withRetry(policy, attempt, hooks = {}) {
  const wait = hooks.sleep ?? sleep;
  const now = hooks.now ?? Date.now;
  for (let attemptNumber = 1; ; attemptNumber++) {
    checkDeadline(hooks.deadline, now(), 0, "starting another attempt");
    try {
      return await attempt(attemptNumber);
    } catch (thrown) {
      const error2 = toReportFetcherError(thrown);
      const isTransport = error2.code === "NETWORK" || error2.code === "TIMEOUT" || error2.code === "BODY_MALFORMED";
      const allowed = error2.retryable && (!isTransport || policy.retryNetworkErrors);
      if (!allowed || attemptNumber >= policy.maxAttempts) {
        if (allowed) {
          throw new ReportFetcherError(
            error2.code,
            `${error2.message} (gave up after ${attemptNumber} attempts)`,
            {
              cause: error2,
              context: error2.context
            }
          );
        }
        throw error2;
      }
      const delayMs = retryDelayMs(policy, attemptNumber, retryAfterOf(error2), hooks.random);
      if (delayMs === void 0) {
        throw new BudgetExceededError(
          "maxVendorWaitSeconds",
          `${error2.message}; the vendor asked to wait ${Math.round((retryAfterOf(error2) ?? 0) / 1e3)} s, longer than ${Math.round(policy.maxRetryAfterMs / 1e3)} s`,
          { context: error2.context }
        );
      }
      checkDeadline(
        hooks.deadline,
        now(),
        delayMs,
        `waiting ${Math.round(delayMs / 1e3)} s before retrying (${error2.message})`,
        error2
      );
      hooks.onRetry?.({ retry: attemptNumber, delayMs, error: error2 });
      await wait(delayMs);
    }
  }
}
__name(withRetry, "withRetry");
function checkDeadline(deadline, now, waitMs, what, cause) {
  if (!deadline || now + waitMs < deadline.at) return;
  throw new DeadlineError({
    deadline: deadline.name,
    resumeAt: now + waitMs,
    message: `${what} would outlast the deadline`,
    context: cause?.context
  });
}
__name(checkDeadline, "checkDeadline");

// functions/engine/control/shared-rate-gate.ts
function planSlots(limit, maxSlots = 20) {
  let best = { slotMs: limit.windowMs, cap: Math.max(1, Math.floor(limit.requests / 2)), share: 0 };
  best.share = limit.requests >= 2 ? best.cap / limit.requests : 1;
  for (let slots = 1; slots <= maxSlots; slots++) {
    const cap = Math.floor(limit.requests / (slots + 1));
    if (cap < 1) break;
    const share = cap * slots / limit.requests;
    if (share > best.share) best = { slotMs: limit.windowMs / slots, cap, share };
  }
  return best;
}
__name(planSlots, "planSlots");
var SharedRateGate = class {
  constructor(options) {
    this.options = options;
    this.plan = planSlots(options.limit);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }
  options;
  static {
    __name(this, "SharedRateGate");
  }
  plan;
  sequence = 0;
  now;
  sleep;
  localBlock = 0;
  sharedBlock = { until: 0, readAt: Number.NEGATIVE_INFINITY };
  /** The last push-back in flight (tests wait for it). */
  pending = Promise.resolve();
  async acquire(deadline) {
    const { store, account } = this.options;
    const margin = Math.min(this.options.arrivalMarginMs ?? 100, this.plan.slotMs / 4);
    for (; ; ) {
      const now = this.now();
      const blocked = Math.max(this.localBlock, await this.blockedUntil(now));
      const from = Math.max(now, blocked);
      const latest = Math.min(deadline?.at ?? Infinity, now + (this.options.maxAheadMs ?? 9e5));
      let slot = Math.floor(from / this.plan.slotMs);
      if ((slot + 1) * this.plan.slotMs - from < margin) slot++;
      for (; ; ) {
        const start = Math.max(from, slot * this.plan.slotMs);
        if (start > latest) {
          checkDeadline(deadline, now, start - now, `waiting for the shared rate budget of ${account}`);
          break;
        }
        const expiresAt = (slot + 1) * this.plan.slotMs + this.options.limit.windowMs;
        if (await store.take(account, slot, this.plan.cap, expiresAt)) {
          await this.sleep(start - this.now());
          return ++this.sequence;
        }
        slot++;
      }
      await this.sleep(latest - now);
    }
  }
  complete(_request) {
  }
  observe(remaining, resetAtMs) {
    if (remaining === 0 && resetAtMs !== void 0 && resetAtMs > this.now()) this.blockUntil(resetAtMs);
  }
  blockUntil(atMs) {
    this.localBlock = Math.max(this.localBlock, atMs);
    this.pending = this.options.store.pushBack(this.options.account, atMs).catch(() => void 0);
  }
  async blockedUntil(now) {
    if (now - this.sharedBlock.readAt >= (this.options.blockCacheMs ?? 1e3)) {
      this.sharedBlock = { until: await this.options.store.blockedUntil(this.options.account), readAt: now };
    }
    return this.sharedBlock.until;
  }
};

// functions/engine/http/http-client.ts
var DEFAULT_HTTP_OPTIONS = {
  idleTimeoutMs: 3e4,
  totalTimeoutMs: 30 * 6e4,
  maxBodyBytes: 64 * 1024 * 1024,
  maxStreamBytes: 8 * 1024 * 1024 * 1024
};
async function sendHttp(request, options) {
  const controller = new AbortController();
  const where = `${request.method} ${sanitizeUrl(request.url)}`;
  let idle;
  const touch = /* @__PURE__ */ __name(() => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new TimeoutSignal("idle")), clampTimer(options.idleTimeoutMs));
  }, "touch");
  const total = setTimeout(
    () => controller.abort(new TimeoutSignal("total")),
    clampTimer(options.totalTimeoutMs)
  );
  const done = /* @__PURE__ */ __name(() => {
    clearTimeout(idle);
    clearTimeout(total);
  }, "done");
  touch();
  let response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: "manual"
    });
  } catch (error2) {
    done();
    throw transportError(error2, where, controller, options);
  }
  touch();
  if (response.status >= 300 && response.status < 400) {
    done();
    await response.body?.cancel().catch(() => void 0);
    const location = response.headers.get("location");
    let target = "no Location";
    if (location) {
      try {
        target = describeOrigin(new URL(location, request.url));
      } catch {
        target = "an invalid Location";
      }
    }
    throw new ReportFetcherError(
      "REDIRECT_REFUSED",
      `${where} answered HTTP ${response.status} redirecting to ${target}: redirects are never followed (credentials stay on their configured origin)`
    );
  }
  let bytesRead = 0;
  async function* chunks() {
    if (!response.body) return;
    try {
      for await (const chunk of response.body) {
        touch();
        bytesRead += chunk.byteLength;
        if (bytesRead > options.maxStreamBytes) {
          controller.abort();
          throw new BudgetExceededError(
            "maxStreamBytes",
            `${where} streamed more than ${options.maxStreamBytes} bytes`
          );
        }
        yield chunk;
      }
    } catch (error2) {
      throw transportError(error2, where, controller, options);
    } finally {
      done();
    }
  }
  __name(chunks, "chunks");
  return {
    status: response.status,
    headers: response.headers,
    chunks,
    bytesRead: /* @__PURE__ */ __name(() => bytesRead, "bytesRead"),
    async text() {
      const decoder2 = new TextDecoder();
      let size = 0;
      let text = "";
      for await (const chunk of chunks()) {
        size += chunk.byteLength;
        if (size > options.maxBodyBytes) {
          controller.abort();
          throw new BudgetExceededError(
            "maxResponseBytes",
            `${where} returned more than ${options.maxBodyBytes} bytes; refusing to buffer it`,
            { code: "BODY_TOO_LARGE" }
          );
        }
        text += decoder2.decode(chunk, { stream: true });
      }
      return text + decoder2.decode();
    },
    async discard() {
      done();
      try {
        await response.body?.cancel();
      } catch {
      }
    }
  };
}
__name(sendHttp, "sendHttp");
function clampTimer(ms) {
  return Math.max(0, Math.min(ms, 2147483647));
}
__name(clampTimer, "clampTimer");
var TimeoutSignal = class extends Error {
  constructor(kind) {
    super(`${kind} timeout`);
    this.kind = kind;
    this.name = "TimeoutSignal";
  }
  kind;
  static {
    __name(this, "TimeoutSignal");
  }
};
function transportError(error2, where, controller, options) {
  if (error2 instanceof ReportFetcherError) return error2;
  const reason = controller.signal.reason;
  if (reason instanceof TimeoutSignal && reason.kind === "total") {
    return new BudgetExceededError(
      "requestTimeoutSeconds",
      `${where} was still running after ${Math.round(options.totalTimeoutMs / 1e3)} s`
    );
  }
  if (reason instanceof TimeoutSignal) {
    return new ReportFetcherError("TIMEOUT", `${where} timed out`, { retryable: true, cause: error2 });
  }
  const cause = error2 instanceof Error && error2.cause instanceof Error ? error2.cause : error2;
  const detail = cause instanceof Error ? `${cause.code ?? cause.name}: ${cause.message}` : "";
  return new ReportFetcherError(
    "NETWORK",
    `${where} failed: ${detail || "connection error"} (body may be truncated)`,
    {
      retryable: true,
      cause: error2
    }
  );
}
__name(transportError, "transportError");

// functions/engine/http/rate-limiter.ts
var IN_FLIGHT_POLL_MS = 5;
var RateLimiter = class {
  constructor(limit, now = Date.now, maxVendorWaitMs = DEFAULT_LIMITS.maxVendorWaitSeconds * 1e3) {
    this.limit = limit;
    this.now = now;
    this.maxVendorWaitMs = maxVendorWaitMs;
  }
  limit;
  now;
  maxVendorWaitMs;
  static {
    __name(this, "RateLimiter");
  }
  /** Completion times of logged requests; `undefined` while a request is in flight. */
  log = [];
  inFlight = /* @__PURE__ */ new Map();
  blockedUntil = 0;
  sent = 0;
  vendorBudget;
  queue = Promise.resolve();
  /**
   * Resolves with the request's sequence number when it may be sent; granted in call order.
   * Rejects, rather than waits, when the vendor's reset is further away than the budget allows
   * or when the wait would pass `deadline`.
   */
  acquire(deadline) {
    const turn = this.queue.then(() => this.waitForSlot(deadline));
    this.queue = turn.catch(() => void 0);
    return turn;
  }
  /** Request number `request` got its answer (or failed): its slot now ages out normally. */
  complete(request) {
    const entry = this.inFlight.get(request);
    if (!entry) return;
    entry.at = this.now();
    this.inFlight.delete(request);
  }
  /** What the vendor said in the response to request number `request`. */
  observe(remaining, resetAtMs, request = this.sent) {
    if (remaining === void 0 || resetAtMs === void 0) return;
    if (this.vendorBudget && request < this.vendorBudget.asOfRequest && resetAtMs <= this.vendorBudget.resetAt)
      return;
    this.vendorBudget = { remaining, resetAt: resetAtMs, asOfRequest: request };
  }
  blockUntil(atMs) {
    this.blockedUntil = Math.max(this.blockedUntil, atMs);
  }
  async waitForSlot(deadline) {
    for (; ; ) {
      const now = this.now();
      let waitUntil = this.blockedUntil;
      let vendorWaitUntil = this.blockedUntil;
      if (this.limit) {
        const horizon = now - this.limit.windowMs;
        this.log = this.log.filter((entry) => entry.at === void 0 || entry.at > horizon);
        if (this.log.length >= this.limit.requests) {
          let earliest = Number.POSITIVE_INFINITY;
          for (const entry of this.log)
            if (entry.at !== void 0 && entry.at < earliest) earliest = entry.at;
          waitUntil = Math.max(
            waitUntil,
            Number.isFinite(earliest) ? earliest + this.limit.windowMs : now + IN_FLIGHT_POLL_MS
          );
        }
      }
      const budget = this.vendorBudget;
      if (budget) {
        if (budget.resetAt <= now) this.vendorBudget = void 0;
        else if (this.sent - budget.asOfRequest >= budget.remaining) {
          waitUntil = Math.max(waitUntil, budget.resetAt);
          vendorWaitUntil = Math.max(vendorWaitUntil, budget.resetAt);
        }
      }
      if (waitUntil <= now) break;
      if (vendorWaitUntil - now > this.maxVendorWaitMs) {
        throw new BudgetExceededError(
          "maxVendorWaitSeconds",
          `the vendor's rate limit resets in ${Math.round((vendorWaitUntil - now) / 1e3)} s, longer than ${Math.round(this.maxVendorWaitMs / 1e3)} s`
        );
      }
      checkDeadline(
        deadline,
        now,
        waitUntil - now,
        `waiting ${Math.round((waitUntil - now) / 1e3)} s for the rate limit`
      );
      await sleep(waitUntil - now);
    }
    const request = ++this.sent;
    if (this.limit) {
      const entry = { at: void 0 };
      this.log.push(entry);
      this.inFlight.set(request, entry);
    }
    return request;
  }
};

// functions/engine/vendor-client.ts
import { createHash as createHash3 } from "node:crypto";

// functions/engine/auth/token-provider.ts
var grantResponse = object({
  access_token: string2().min(1),
  // AdMaster sends expires_in as a string ("18000"), others as a number.
  expires_in: union([number2(), string2().regex(/^\d+$/).transform(Number)]).optional(),
  refresh_token: string2().min(1).optional()
});
var TokenProvider = class {
  constructor(options) {
    this.options = options;
    this.margin = options.refreshMarginMs ?? 5 * 6e4;
    this.now = options.now ?? Date.now;
  }
  options;
  static {
    __name(this, "TokenProvider");
  }
  stats = { grants: 0, refreshes: 0, refreshRefusals: 0 };
  current;
  rejected = /* @__PURE__ */ new Set();
  inflight;
  margin;
  now;
  /** A token with at least `minLifeMs` (default: the refresh margin) left. */
  async token(minLifeMs = this.margin) {
    if (this.usable(this.current, minLifeMs)) return this.current.accessToken;
    this.inflight ??= this.obtain(minLifeMs).finally(() => {
      this.inflight = void 0;
    });
    this.current = await this.inflight;
    return this.current.accessToken;
  }
  /** The vendor refused `token`: never use it again, in this process. */
  reject(token) {
    this.rejected.add(token);
    if (this.current?.accessToken === token) this.current = void 0;
  }
  usable(entry, minLifeMs) {
    return !!entry && entry.issuer === this.options.issuer && !this.rejected.has(entry.accessToken) && entry.expiresAt - minLifeMs > this.now();
  }
  async obtain(minLifeMs) {
    const { cache, source } = this.options;
    const cached2 = await cache.read(source);
    if (cached2) registerEntry(cached2);
    if (this.usable(cached2, minLifeMs)) return cached2;
    return cache.withLock(source, async () => {
      const latest = await cache.read(source);
      if (latest) registerEntry(latest);
      if (this.usable(latest, minLifeMs)) return latest;
      const entry = await this.replace(latest);
      await cache.write(source, entry);
      return entry;
    });
  }
  async replace(latest) {
    const { spec } = this.options;
    if (spec.kind === "refresh-grant" && latest?.refreshToken && latest.issuer === this.options.issuer) {
      try {
        this.stats.refreshes++;
        return await this.grant(
          spec.refresh,
          { [spec.refresh.refreshTokenParam]: latest.refreshToken },
          "refresh"
        );
      } catch (error2) {
        this.stats.refreshRefusals++;
        if (error2 instanceof ReportFetcherError && error2.code === "CREDENTIALS_MISSING") throw error2;
      }
    }
    return this.grant(spec.grant, {}, "grant");
  }
  async grant(endpoint, extra, kind) {
    const body = {
      ...resolveParams(endpoint.params, this.options.credentials, this.options.source),
      ...extra
    };
    const raw = await this.options.transport(endpoint, body, kind);
    this.stats.grants++;
    const parsed = grantResponse.safeParse(raw);
    if (!parsed.success) {
      throw new ReportFetcherError(
        "VENDOR_AUTH",
        `token endpoint ${endpoint.path} answered without a usable access_token`,
        {
          context: { source: this.options.source }
        }
      );
    }
    const { access_token, expires_in, refresh_token } = parsed.data;
    registerSecret(access_token);
    registerSecret(refresh_token);
    const obtainedAt = this.now();
    const ttlSeconds = expires_in ?? jwtLifetimeSeconds(access_token, obtainedAt) ?? assumedTtl(this.options.spec);
    return {
      accessToken: access_token,
      ...refresh_token ? { refreshToken: refresh_token } : {},
      expiresAt: obtainedAt + ttlSeconds * 1e3,
      obtainedAt,
      issuer: this.options.issuer
    };
  }
};
function registerEntry(entry) {
  registerSecret(entry.accessToken);
  registerSecret(entry.refreshToken);
}
__name(registerEntry, "registerEntry");
function assumedTtl(spec) {
  return spec.kind === "jwt-bearer" ? 3600 : spec.assumedTtlSeconds;
}
__name(assumedTtl, "assumedTtl");
function resolveParams(params, credentials, source) {
  const out = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") {
      out[name] = value;
      continue;
    }
    const secret = credentials[value.credential];
    if (!secret) {
      throw new ReportFetcherError("CREDENTIALS_MISSING", `credential "${value.credential}" is not set`, {
        context: { source }
      });
    }
    out[name] = secret;
  }
  return out;
}
__name(resolveParams, "resolveParams");
function jwtLifetimeSeconds(token, now) {
  const parts = token.split(".");
  if (parts.length !== 3) return void 0;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload.exp === "number" ? Math.max(0, Math.floor(payload.exp - now / 1e3)) : void 0;
  } catch {
    return void 0;
  }
}
__name(jwtLifetimeSeconds, "jwtLifetimeSeconds");

// functions/engine/vendor-client.ts
var MAX_REAUTHENTICATIONS = 3;
var VendorClient = class {
  constructor(options) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.api = new PinnedOrigin(options.baseUrl, "baseUrl");
    this.authOrigin = options.authUrl ? new PinnedOrigin(options.authUrl, "authUrl") : this.api;
    const { auth } = options;
    this.tokens = auth.kind === "api-key" ? void 0 : new TokenProvider({
      source: options.source,
      spec: auth,
      credentials: options.credentials,
      cache: options.tokenCache,
      transport: /* @__PURE__ */ __name((endpoint, body, kind) => this.grant(endpoint, body, kind), "transport"),
      issuer: createHash3("sha256").update(
        // The API's origin too: a token is only ever sent where it was obtained for.
        JSON.stringify([
          options.authUrl ?? options.baseUrl,
          options.baseUrl,
          Object.entries(options.credentials).sort()
        ])
      ).digest("hex").slice(0, 32),
      now: this.now
    });
  }
  options;
  static {
    __name(this, "VendorClient");
  }
  tokens;
  /** Where API requests (and their credentials) may go: the configured baseUrl's origin and path. */
  api;
  /** Where token grants (and the credentials in them) may go. */
  authOrigin;
  now;
  get source() {
    return this.options.source;
  }
  url(spec) {
    const url = new URL(spec.path.replace(/^\//, ""), withSlash(this.options.baseUrl));
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
    return url;
  }
  /** Makes sure a token with `minLifeMs` left is cached (the planner's job before a fan-out). */
  async ensureToken(minLifeMs) {
    await this.tokens?.token(minLifeMs);
  }
  /**
   * One attempt at a request, re-authenticating once if the vendor refuses the token. Returns
   * a 2xx response with its body unread; anything else becomes a typed error saying whether a
   * retry may help.
   */
  async send(request, context = {}, counters, deadline) {
    let reauthentications = 0;
    for (; ; ) {
      const { response, token } = await this.sendAuthorised(request, deadline);
      if (counters) counters.requests++;
      if (response.status >= 200 && response.status < 300) return response;
      const text = await response.text().catch(() => "");
      const { rules } = this.options;
      const authFailure = rules.authFailureStatuses.includes(response.status) || response.status === 404 && !!rules.notFoundMayBeAuthFailure;
      if (authFailure && this.tokens && token && reauthentications < MAX_REAUTHENTICATIONS) {
        this.tokens.reject(token);
        reauthentications++;
        continue;
      }
      const reauthenticated = reauthentications > 0;
      const error2 = this.classify(request, response, text, { authFailure, reauthenticated, context });
      if (counters && (error2.code === "VENDOR_RATE_LIMITED" || response.status === 429)) counters.throttled++;
      throw error2;
    }
  }
  /** `send` under the retry policy, for callers that read the body inside the attempt. */
  withRetry(attempt, counters, deadline) {
    return withRetry(this.options.retry, attempt, {
      onRetry: /* @__PURE__ */ __name(() => {
        if (counters) counters.retries++;
      }, "onRetry"),
      deadline,
      now: this.now
    });
  }
  async sendAuthorised(request, deadline) {
    const { auth, credentials } = this.options;
    this.api.check(request.url);
    const headers = { accept: "application/json", ...request.headers };
    let url = request.url;
    let token;
    if (auth.kind === "api-key") {
      const key = credentials[auth.credential];
      if (!key) {
        throw new ReportFetcherError("CREDENTIALS_MISSING", `credential "${auth.credential}" is not set`, {
          context: { source: this.options.source }
        });
      }
      url = new URL(url);
      url.searchParams.set(auth.queryParam, key);
    } else {
      token = await this.tokens.token();
      headers.authorization = `${auth.placement.scheme} ${token}`;
      url = new URL(sanitizeUrl(url));
    }
    const sequence = await this.options.limiter.acquire(deadline);
    const left = deadline ? deadline.at - this.now() : Number.POSITIVE_INFINITY;
    const cut = left < this.options.http.totalTimeoutMs;
    const http = cut ? { ...this.options.http, totalTimeoutMs: Math.max(1, left) } : this.options.http;
    const response = await sendHttp({ ...request, url, headers }, http).catch((error2) => {
      if (cut && error2 instanceof BudgetExceededError && error2.budget === "requestTimeoutSeconds")
        throw new DeadlineError({
          deadline: deadline.name,
          resumeAt: this.now(),
          message: `${request.method} ${sanitizeUrl(request.url)} was still running`
        });
      throw error2;
    }).finally(() => this.options.limiter.complete(sequence));
    this.observeRateLimit(response.headers, sequence);
    return { response, token };
  }
  observeRateLimit(headers, sequence) {
    const spec = this.options.rules.rateLimitHeaders;
    if (!spec || !headers.has(spec.remaining)) return;
    const remaining = Number(headers.get(spec.remaining));
    if (Number.isFinite(remaining))
      this.options.limiter.observe(remaining, this.resetAtMs(headers), sequence);
  }
  resetAtMs(headers) {
    const spec = this.options.rules.rateLimitHeaders;
    const value = spec ? Number(headers.get(spec.reset)) : Number.NaN;
    if (!spec || !Number.isFinite(value) || !headers.has(spec.reset)) return void 0;
    return spec.resetIn === "epoch-seconds" ? value * 1e3 : this.now() + value * 1e3;
  }
  classify(request, response, text, state) {
    const { rules, retry } = this.options;
    const base = {
      status: response.status,
      vendorMessage: vendorMessage(text),
      method: request.method,
      url: sanitizeUrl(request.url),
      context: { source: this.options.source, ...state.context }
    };
    const refusal = rules.rateLimitRefusal;
    if (refusal && response.status === refusal.status && refusal.bodyPattern.test(text)) {
      const resetAt = this.resetAtMs(response.headers) ?? this.now() + 6e4;
      this.options.limiter.blockUntil(resetAt);
      return new VendorHttpError("VENDOR_RATE_LIMITED", {
        ...base,
        retryable: true,
        retryAfterMs: Math.max(0, resetAt - this.now())
      });
    }
    if (response.status === 404 && rules.notFoundMayBeAuthFailure && state.reauthenticated) {
      return new VendorHttpError("VENDOR_NOT_FOUND", {
        ...base,
        vendorMessage: `${base.vendorMessage || "Not Found"} (still 404 with fresh tokens: the resource does not exist or is not yours)`,
        retryable: false
      });
    }
    if (state.authFailure) {
      return new VendorHttpError("VENDOR_AUTH", {
        ...base,
        vendorMessage: `${base.vendorMessage} (credentials or token rejected${state.reauthenticated ? " even after re-authenticating" : ""})`,
        retryable: state.reauthenticated
      });
    }
    const retryable = retry.retryStatuses.includes(response.status);
    return new VendorHttpError("VENDOR_HTTP", {
      ...base,
      retryable,
      retryAfterMs: retryable ? parseRetryAfterMs(response.headers.get("retry-after"), this.now()) : void 0
    });
  }
  /** Token grants: never retried blindly for refresh (a rotated token would be lost twice). */
  async grant(endpoint, body, kind) {
    const url = new URL(
      endpoint.path.replace(/^\//, ""),
      withSlash(this.options.authUrl ?? this.options.baseUrl)
    );
    this.authOrigin.check(url, "token endpoint");
    const request = {
      method: "POST",
      url,
      headers: {
        accept: "application/json",
        "content-type": endpoint.encoding === "json" ? "application/json" : "application/x-www-form-urlencoded"
      },
      body: endpoint.encoding === "json" ? JSON.stringify(body) : new URLSearchParams(body).toString()
    };
    const policy = kind === "refresh" ? { ...this.options.retry, maxAttempts: 1 } : this.options.retry;
    return withRetry(policy, async () => {
      const sequence = await this.options.limiter.acquire();
      const response = await sendHttp(request, this.options.http).finally(
        () => this.options.limiter.complete(sequence)
      );
      this.observeRateLimit(response.headers, sequence);
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) {
        const error2 = this.classify(request, response, text, {
          authFailure: false,
          reauthenticated: false,
          context: {}
        });
        if (error2.code === "VENDOR_HTTP" && !error2.retryable) {
          throw new VendorHttpError("VENDOR_AUTH", {
            status: response.status,
            vendorMessage: `${vendorMessage(text)} (token grant refused: check the source's credentials)`,
            method: "POST",
            url: sanitizeUrl(url),
            retryable: false,
            context: { source: this.options.source }
          });
        }
        throw error2;
      }
      try {
        return JSON.parse(text);
      } catch (cause) {
        throw new ReportFetcherError(
          "BODY_MALFORMED",
          `token endpoint ${url.pathname} returned a body that is not JSON`,
          {
            retryable: true,
            cause
          }
        );
      }
    });
  }
};
var defaultRetryPolicy = /* @__PURE__ */ __name((override = {}) => ({
  ...DEFAULT_RETRY_POLICY,
  ...override
}), "defaultRetryPolicy");
function withSlash(base) {
  return base.endsWith("/") ? base : `${base}/`;
}
__name(withSlash, "withSlash");

// functions/engine/run/source-runtime.ts
var SourceRuntime = class {
  constructor(settings, deps) {
    this.settings = settings;
    this.deps = deps;
    const { connector } = settings;
    const limits = { ...DEFAULT_LIMITS, ...settings.limits };
    this.limits = limits;
    const maxVendorWaitMs = limits.maxVendorWaitSeconds * 1e3;
    this.limiter = deps.rateGate?.(settings) ?? new RateLimiter(settings.rateLimit ?? connector.rateLimit, deps.now, maxVendorWaitMs);
    this.client = new VendorClient({
      source: settings.name,
      baseUrl: settings.baseUrl,
      authUrl: settings.authUrl,
      auth: connector.auth,
      rules: connector.rules,
      credentials: settings.credentials,
      tokenCache: deps.tokenCache,
      limiter: this.limiter,
      retry: defaultRetryPolicy({ ...connector.retry, maxRetryAfterMs: maxVendorWaitMs, ...deps.retry }),
      http: {
        ...DEFAULT_HTTP_OPTIONS,
        idleTimeoutMs: limits.idleTimeoutSeconds * 1e3,
        totalTimeoutMs: limits.requestTimeoutSeconds * 1e3,
        maxBodyBytes: limits.maxResponseBytes,
        maxStreamBytes: limits.maxStreamBytes,
        ...deps.http
      },
      now: deps.now
    });
  }
  settings;
  deps;
  static {
    __name(this, "SourceRuntime");
  }
  client;
  limiter;
  limits;
  memo = /* @__PURE__ */ new Map();
  resolvedReports = /* @__PURE__ */ new Map();
  /** The report as this source fetches it: its definition with the source's variant applied. */
  report(name) {
    const resolved = this.resolvedReports.get(name);
    if (resolved) return resolved;
    const report = this.settings.connector.reports[name];
    if (!report) {
      throw new InputError(
        `source "${this.settings.name}" has no report "${name}" (connector ${this.settings.connector.name} offers: ${Object.keys(this.settings.connector.reports).join(", ")})`
      );
    }
    const variant = report.variant?.(this.settings.options, name) ?? {};
    const effective = {
      ...report,
      ...variant.paginator ? { paginator: variant.paginator } : {},
      ...variant.response ? { response: variant.response } : {}
    };
    this.resolvedReports.set(name, effective);
    return effective;
  }
  partition(report, date3) {
    return { table: this.report(report).table, source: this.settings.name, date: date3 };
  }
  context(date3, slice = {}) {
    return { date: date3, timezone: this.settings.timezone, options: this.settings.options, slice };
  }
  /** Memoised per process: several partitions of one run share e.g. the campaign list. */
  memoise(key, load) {
    let entry = this.memo.get(key);
    if (!entry) {
      entry = load();
      this.memo.set(key, entry);
      entry.catch(() => this.memo.delete(key));
    }
    return entry;
  }
};

// functions/handlers/deployment.ts
var DEPLOYMENT_ENV = "REPORT_FETCHER_DEPLOYMENT";
var FETCHER_SOURCE_ENV = "REPORT_FETCHER_SOURCE";
function queueName(source) {
  return `report-fetcher-${source}`;
}
__name(queueName, "queueName");
function credentialsSecretName(source) {
  return `report-fetcher/${source}/credentials`;
}
__name(credentialsSecretName, "credentialsSecretName");
function tokenSecretName(source) {
  return `report-fetcher/${source}/token`;
}
__name(tokenSecretName, "tokenSecretName");
var deployedSource = object({
  config: sourceSchema,
  queueUrl: string2().min(1).optional(),
  credentialsSecret: string2().min(1).optional(),
  tokenSecret: string2().min(1).optional()
});
var deploymentSchema = object({
  bucket: string2().min(1),
  /** The DynamoDB control table (rate budgets, token leases, run ledger, commit fences). */
  controlTable: string2().min(3),
  /** `https://sqs.<region>.<suffix>/<account>/`: a source's queue URL is this plus queueName(). */
  queueUrlPrefix: string2().optional(),
  sources: array(deployedSource).min(1)
});
function readDeployment(env4 = process.env) {
  const raw = env4[DEPLOYMENT_ENV];
  if (!raw) throw new Error(`environment variable ${DEPLOYMENT_ENV} is not set`);
  const input = deploymentSchema.parse(JSON.parse(raw));
  const config2 = parseConfig(
    { sources: input.sources.map((s2) => s2.config) },
    DEPLOYMENT_ENV
  );
  return {
    bucket: input.bucket,
    controlTable: input.controlTable,
    sources: input.sources.map((source, i) => {
      const name = config2.sources[i].name;
      const queueUrl = source.queueUrl ?? (input.queueUrlPrefix ? `${input.queueUrlPrefix}${queueName(name)}` : void 0);
      if (!queueUrl)
        throw new Error(
          `${DEPLOYMENT_ENV}: source "${name}" has no queue URL and there is no queueUrlPrefix`
        );
      return {
        config: config2.sources[i],
        queueUrl,
        credentialsSecret: source.credentialsSecret ?? credentialsSecretName(name),
        tokenSecret: source.tokenSecret ?? tokenSecretName(name)
      };
    })
  };
}
__name(readDeployment, "readDeployment");
function runOutcomeKey(runId, source, table, date3) {
  return `_runs/${runId}/${source}/${table}/dt=${date3}.json`;
}
__name(runOutcomeKey, "runOutcomeKey");

// functions/handlers/aws-context.ts
var CREDENTIALS_MAX_AGE_SECONDS = 300;
function createLogger(serviceName) {
  return new Logger({
    serviceName,
    jsonReplacerFn: /* @__PURE__ */ __name((_key, value) => typeof value === "string" ? redact(value) : value, "jsonReplacerFn")
  });
}
__name(createLogger, "createLogger");
function createMetrics(serviceName) {
  return new Metrics({ namespace: "ReportFetcher", serviceName });
}
__name(createMetrics, "createMetrics");
var AwsContext = class {
  static {
    __name(this, "AwsContext");
  }
  deployment;
  s3;
  sqs;
  secrets;
  dynamo;
  deps;
  ledger;
  commitGuard;
  secretsProvider;
  runtimes = /* @__PURE__ */ new Map();
  constructor(env4 = process.env, clients = {}) {
    this.deployment = readDeployment(env4);
    this.s3 = clients.s3 ?? new S3Client({ forcePathStyle: !!env4.AWS_ENDPOINT_URL_S3 });
    this.sqs = clients.sqs ?? new SQSClient({});
    this.secrets = clients.secrets ?? new SecretsManagerClient2({});
    this.dynamo = clients.dynamo ?? new DynamoDBClient({});
    this.secretsProvider = new SecretsProvider({ awsSdkV3Client: this.secrets });
    const { bucket, controlTable } = this.deployment;
    this.ledger = new DynamoRunLedger(this.dynamo, controlTable);
    this.commitGuard = new DynamoCommitGuard(this.dynamo, controlTable);
    const rateBudget = new DynamoRateBudgetStore(this.dynamo, controlTable);
    this.deps = {
      ...clients.engine,
      staging: new S3StagingStore(this.s3, bucket),
      lake: new S3LakeStore(this.s3, bucket),
      tokenCache: new SecretsManagerTokenCache({
        secrets: this.secrets,
        leases: new DynamoLeaseStore(this.dynamo, controlTable),
        tokenSecrets: Object.fromEntries(this.deployment.sources.map((s2) => [s2.config.name, s2.tokenSecret]))
      }),
      commitGuard: this.commitGuard,
      // The planner and every fetcher container spend one budget per vendor account, each at
      // the full limit: the shared schedule keeps their sum under it.
      rateGate: /* @__PURE__ */ __name((settings) => {
        const limit = effectiveRateLimit(settings);
        return limit ? new SharedRateGate({
          account: rateBudgetAccount(settings),
          limit,
          store: rateBudget
        }) : void 0;
      }, "rateGate")
    };
  }
  source(name) {
    const source = this.deployment.sources.find((s2) => s2.config.name === name);
    if (!source) {
      throw new InputError(
        `unknown source "${name}" (deployed: ${this.deployment.sources.map((s2) => s2.config.name).join(", ")})`
      );
    }
    return source;
  }
  queue(name) {
    return new SqsTaskQueue(this.sqs, this.source(name).queueUrl);
  }
  /** The source's credentials from its secret: a JSON object with the connector's keys. */
  async credentials(source) {
    const value = await this.secretsProvider.get(source.credentialsSecret, {
      transform: "json",
      maxAge: CREDENTIALS_MAX_AGE_SECONDS
    });
    const settings = toSourceSettings(source.config, {});
    const keys = credentialKeysOf(settings.connector.auth);
    const credentials = {};
    const missing = [];
    for (const key of keys) {
      const v = value?.[key];
      if (typeof v === "string" && v !== "") {
        registerSecret(v);
        credentials[key] = v;
      } else missing.push(key);
    }
    if (missing.length > 0) {
      throw new CredentialsError(
        `the credentials secret of "${source.config.name}" lacks ${missing.join(", ")} (it must be a JSON object with keys ${keys.join(", ")})`,
        { source: source.config.name }
      );
    }
    return credentials;
  }
  /**
   * One runtime per source and run in this container: the rate limiter and token survive across
   * messages of a run, while per-run memos (slice lists) do not leak into the next day's run.
   */
  async runtime(name, runId, adjust = (s2) => s2) {
    const cached2 = this.runtimes.get(name);
    if (cached2?.runId === runId) return cached2.runtime;
    const source = this.source(name);
    const settings = adjust(toSourceSettings(source.config, await this.credentials(source)));
    const runtime = new SourceRuntime(settings, this.deps);
    this.runtimes.set(name, { runId, runtime });
    return runtime;
  }
};
function lazy(create) {
  let value;
  return () => {
    value ??= create();
    return value;
  };
}
__name(lazy, "lazy");

// functions/handlers/fetcher.ts
var fetchPageMessage = object({
  type: literal("fetch-page"),
  runId: string2().regex(/^[A-Za-z0-9_.-]+$/),
  source: string2(),
  report: string2(),
  date: iso_exports.date(),
  slice: object({
    key: string2(),
    params: record(string2(), union([string2(), number2(), _null3()])),
    totalItems: number2().optional()
  }),
  // Paginator states are the engine's business; only their discriminant is checked here, and a
  // link-header state's next page must be a path (the engine resolves it on the configured
  // origin and checks the path prefix again before any credential is attached).
  page: object({
    state: looseObject({ kind: string2() }).refine(
      (s2) => s2.kind !== "link-header" || s2.next === null || typeof s2.next === "string" && isPagePath(s2.next),
      "a link-header page state must carry a path on the source (never a URL to another origin)"
    ).transform((s2) => s2),
    ordinal: int().min(0)
  }),
  fannedOut: boolean2()
});
function isPagePath(next) {
  return next.startsWith("/") && !next.startsWith("//") && !next.includes("\\");
}
__name(isPagePath, "isPagePath");
function createFetcherHandler(env4 = process.env, clients = {}) {
  const logger = createLogger("report-fetcher-fetcher");
  const metrics = createMetrics("report-fetcher-fetcher");
  const aws = lazy(() => new AwsContext(env4, clients));
  const ownSource = env4[FETCHER_SOURCE_ENV];
  const processor = new BatchProcessor(EventType.SQS);
  if (ownSource) metrics.setDefaultDimensions({ source: ownSource });
  async function processRecord(record2) {
    const task = fetchPageMessage.parse(JSON.parse(record2.body));
    const where = {
      source: task.source,
      report: task.report,
      date: task.date,
      slice: task.slice.key,
      page: task.page.ordinal,
      runId: task.runId,
      receiveCount: Number(record2.attributes.ApproximateReceiveCount)
    };
    if (ownSource && task.source !== ownSource)
      throw new Error(`task for source "${task.source}" arrived at the fetcher of "${ownSource}"`);
    const context = aws();
    try {
      const runtime = await context.runtime(task.source, task.runId);
      const outcome = await fetchPage(runtime, task);
      metrics.addMetric("PagesStaged", MetricUnit.Count, 1);
      metrics.addMetric("RowsStaged", MetricUnit.Count, outcome.meta.rows);
      metrics.addMetric("Requests", MetricUnit.Count, outcome.meta.requests);
      metrics.addMetric("Retries", MetricUnit.Count, outcome.meta.retries);
      metrics.addMetric("Throttles", MetricUnit.Count, outcome.meta.throttled);
      logger.debug("page staged", { ...where, rows: outcome.meta.rows, following: outcome.following.length });
      if (outcome.following.length > 0) {
        await context.queue(task.source).send(outcome.following);
        return;
      }
      const { totalPages } = outcome.meta;
      if (totalPages !== void 0 && context.deps.staging instanceof S3StagingStore) {
        const partition = runtime.partition(task.report, task.date);
        const staged = await context.deps.staging.stagedPageCount(task.runId, partition, task.slice.key);
        if (staged < totalPages) {
          logger.debug("slice not complete yet", { ...where, staged, totalPages });
          return;
        }
      }
      const commit = await commitPartition(runtime, task);
      if (commit.status === "incomplete") {
        logger.debug("partition not complete yet", { ...where, missing: commit.missing });
        return;
      }
      if (commit.status === "superseded") {
        logger.warn("partition not committed: a newer run committed it", { ...where, by: commit.by });
        metrics.addMetric("CommitsSuperseded", MetricUnit.Count, 1);
        return;
      }
      const { partition: committed, ...outcomeRecord } = commit;
      await putJson(
        context.s3,
        context.deployment.bucket,
        runOutcomeKey(task.runId, task.source, committed.table, task.date),
        { ...outcomeRecord, report: task.report, ...committed }
      );
      metrics.addMetric("PartitionsCommitted", MetricUnit.Count, 1);
      metrics.addMetric("RowsCommitted", MetricUnit.Count, commit.rows);
      logger.info("partition committed", {
        ...where,
        location: commit.location,
        rows: commit.rows,
        pages: commit.pages,
        bytes: commit.bytes,
        retries: commit.retries,
        throttled: commit.throttled
      });
    } catch (error2) {
      const failure2 = toReportFetcherError(error2, {
        source: task.source,
        report: task.report,
        date: task.date
      });
      metrics.addMetric("PageFailures", MetricUnit.Count, 1);
      logger.error("page failed; SQS will redeliver it, then move it to the DLQ", {
        ...where,
        code: failure2.code,
        retryable: failure2.retryable,
        error: failure2.describe()
      });
      throw failure2;
    }
  }
  __name(processRecord, "processRecord");
  async function handle(event, context) {
    return processPartialResponse(event, processRecord, processor, {
      context,
      processInParallel: false
    });
  }
  __name(handle, "handle");
  return core_default(handle).use(injectLambdaContext(logger, { resetKeys: true })).use(logMetrics(metrics));
}
__name(createFetcherHandler, "createFetcherHandler");
var handler = createFetcherHandler();
export {
  createFetcherHandler,
  fetchPageMessage,
  handler
};
/*! Bundled license information:

@aws-lambda-powertools/batch/lib/esm/BasePartialBatchProcessor.js:
@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js:
@aws-lambda-powertools/parameters/lib/esm/base/GetOptions.js:
@aws-lambda-powertools/parameters/lib/esm/base/transformValue.js:
@aws-lambda-powertools/parameters/lib/esm/base/BaseProvider.js:
  (* v8 ignore else -- @preserve *)

@aws-lambda-powertools/batch/lib/esm/BatchProcessorSync.js:
@aws-lambda-powertools/batch/lib/esm/processPartialResponseSync.js:
@aws-lambda-powertools/logger/lib/esm/logBuffer.js:
@aws-lambda-powertools/logger/lib/esm/Logger.js:
  (* v8 ignore next -- @preserve *)
*/
