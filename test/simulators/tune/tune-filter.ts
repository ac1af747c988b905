/**
 * The TUNE `filter` parameter: SQL-WHERE-like conditions in parentheses, e.g.
 *   (status = 'active')
 *   (publisher_id in (1,2,3,4)) AND (status = 'active')
 * Supported (tune-management-api.txt, "Parameter 'filter'" and the find action's syntax note):
 * = != <> < <= > >= IN, NOT IN, LIKE ('%' and '_' wildcards, case-insensitive), BETWEEN x AND y,
 * IS [NOT] NULL, joined with AND / OR (AND binds tighter), nested parentheses.
 * Comparisons with NULL are false, as in SQL. Related-entity fields (publisher.name) are not
 * modelled and count as unknown fields.
 */
import type { TuneRow, TuneValue } from './tune-data.js';

export type Predicate = (row: TuneRow) => boolean;
export interface ParsedFilter {
  predicate: Predicate;
  /** Every field name the filter references (the caller rejects unknown ones). */
  fields: string[];
}

export class FilterSyntaxError extends Error {}

type Literal = string | number | null;
type Token = { type: 'punct' | 'op' | 'string' | 'number' | 'word'; text: string };

const TOKEN_PATTERN =
  /\s*(?:(\(|\)|,)|(<=|>=|!=|<>|=|<|>)|'((?:[^'\\]|\\.|'')*)'|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_][\w.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN_PATTERN.lastIndex))) break;
    const match = TOKEN_PATTERN.exec(text);
    if (match === null) throw new FilterSyntaxError(`unexpected character at ${TOKEN_PATTERN.lastIndex}`);
    const [, punct, op, quoted, number, word] = match;
    if (punct !== undefined) tokens.push({ type: 'punct', text: punct });
    else if (op !== undefined) tokens.push({ type: 'op', text: op });
    else if (quoted !== undefined)
      tokens.push({ type: 'string', text: quoted.replace(/''/g, "'").replace(/\\(.)/g, '$1') });
    else if (number !== undefined) tokens.push({ type: 'number', text: number });
    else if (word !== undefined) tokens.push({ type: 'word', text: word });
  }
  return tokens;
}

function compare(value: TuneValue, literal: Literal): number | undefined {
  if (value === null || literal === null) return undefined;
  if (typeof value === 'number' || typeof literal === 'number') {
    const left = Number(value);
    const right = Number(literal);
    if (!Number.isNaN(left) && !Number.isNaN(right)) return left - right;
  }
  const left = String(value);
  const right = String(literal);
  return left < right ? -1 : left > right ? 1 : 0;
}

const COMPARATORS: Record<string, (difference: number) => boolean> = {
  '=': (d) => d === 0,
  '!=': (d) => d !== 0,
  '<>': (d) => d !== 0,
  '<': (d) => d < 0,
  '<=': (d) => d <= 0,
  '>': (d) => d > 0,
  '>=': (d) => d >= 0,
};

function likeMatcher(pattern: string): RegExp {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is');
}

class FilterParser {
  private position = 0;
  readonly fields = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  parse(): Predicate {
    const predicate = this.orExpression();
    if (this.position < this.tokens.length) throw new FilterSyntaxError(`unexpected '${this.peek()?.text}'`);
    return predicate;
  }

  private orExpression(): Predicate {
    let predicate = this.andExpression();
    while (this.acceptWord('OR')) {
      const left = predicate;
      const right = this.andExpression();
      predicate = (row) => left(row) || right(row);
    }
    return predicate;
  }

  private andExpression(): Predicate {
    let predicate = this.primary();
    while (this.acceptWord('AND')) {
      const left = predicate;
      const right = this.primary();
      predicate = (row) => left(row) && right(row);
    }
    return predicate;
  }

  private primary(): Predicate {
    if (this.accept('punct', '(')) {
      const inner = this.orExpression();
      this.expect('punct', ')');
      return inner;
    }
    return this.condition();
  }

  private condition(): Predicate {
    const field = this.expect('word').text;
    this.fields.add(field);
    const fieldValue = (row: TuneRow): TuneValue => row[field] ?? null;
    if (this.acceptWord('IS')) {
      const negate = this.acceptWord('NOT');
      this.expectWord('NULL');
      return (row) => (fieldValue(row) === null) !== negate;
    }
    if (this.acceptWord('BETWEEN')) {
      const low = this.literal();
      this.expectWord('AND');
      const high = this.literal();
      return (row) =>
        (compare(fieldValue(row), low) ?? -1) >= 0 && (compare(fieldValue(row), high) ?? 1) <= 0;
    }
    const negate = this.acceptWord('NOT');
    if (this.acceptWord('IN')) {
      const values = this.literalList();
      return (row) => {
        const value = fieldValue(row);
        return value !== null && values.some((literal) => compare(value, literal) === 0) !== negate;
      };
    }
    if (this.acceptWord('LIKE')) {
      const pattern = likeMatcher(String(this.literal()));
      return (row) => {
        const value = fieldValue(row);
        return value !== null && pattern.test(String(value)) !== negate;
      };
    }
    if (negate) throw new FilterSyntaxError('NOT must be followed by IN or LIKE');
    const operator = this.expect('op').text;
    const test = COMPARATORS[operator] ?? (() => false);
    const literal = this.literal();
    return (row) => {
      const difference = compare(fieldValue(row), literal);
      return difference !== undefined && test(difference);
    };
  }

  private literalList(): Literal[] {
    this.expect('punct', '(');
    const values = [this.literal()];
    while (this.accept('punct', ',')) values.push(this.literal());
    this.expect('punct', ')');
    return values;
  }

  private literal(): Literal {
    const token = this.tokens[this.position++];
    if (token?.type === 'string') return token.text;
    if (token?.type === 'number') return Number(token.text);
    if (token?.type === 'word' && token.text.toUpperCase() === 'NULL') return null;
    throw new FilterSyntaxError(`expected a value, got '${token?.text ?? 'end of filter'}'`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private accept(type: Token['type'], text?: string): Token | undefined {
    const token = this.peek();
    if (token?.type !== type || (text !== undefined && token.text !== text)) return undefined;
    this.position += 1;
    return token;
  }

  private acceptWord(keyword: string): boolean {
    const token = this.peek();
    if (token?.type !== 'word' || token.text.toUpperCase() !== keyword) return false;
    this.position += 1;
    return true;
  }

  private expect(type: Token['type'], text?: string): Token {
    const token = this.accept(type, text);
    if (token === undefined)
      throw new FilterSyntaxError(`expected ${text ?? type}, got '${this.peek()?.text ?? 'end of filter'}'`);
    return token;
  }

  private expectWord(keyword: string): void {
    if (!this.acceptWord(keyword)) throw new FilterSyntaxError(`expected ${keyword}`);
  }
}

/** Throws FilterSyntaxError for malformed filters. */
export function parseTuneFilter(text: string): ParsedFilter {
  const parser = new FilterParser(tokenize(text));
  const predicate = parser.parse();
  return { predicate, fields: [...parser.fields] };
}
