/**
 * The sum of binary floats rounded once (Shewchuk's partials, as Python's `math.fsum`): the
 * result is the exact sum rounded to the nearest double, so it does not depend on the order the
 * rows arrive in. A restatement compares sums across two commits whose rows may arrive in
 * another order; a plain running sum could show a change of 1e-13 where nothing changed.
 */
export class ExactSum {
  private partials: number[] = [];

  add(value: number): void {
    let x = value;
    let kept = 0;
    for (const partial of this.partials) {
      let y = partial;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const high = x + y;
      const low = y - (high - x);
      if (low !== 0) this.partials[kept++] = low;
      x = high;
    }
    this.partials.length = kept;
    this.partials.push(x);
  }

  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let high = p[--n]!;
    let low = 0;
    while (n > 0) {
      const x = high;
      const y = p[--n]!;
      high = x + y;
      low = y - (high - x);
      if (low !== 0) break;
    }
    // Round half-even correctly when the remaining partials push a tie one way (math.fsum).
    if (n > 0 && ((low < 0 && p[n - 1]! < 0) || (low > 0 && p[n - 1]! > 0))) {
      const y = low * 2;
      const x = high + y;
      if (y === x - high) high = x;
    }
    return high;
  }
}
