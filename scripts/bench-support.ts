// What the benches share: the window they measure in, and medians with their spread (the
// machine is shared and noisy, so every figure is the median of several runs).

/** The window the benches open: a receptionist's wide screen. */
export const VIEWPORT = { width: 1600, height: 900 };

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
