import { describe, expect, it } from 'vitest';
import { signatureProblem, type StrokePoint } from './signature';

const canvas = { width: 600, height: 200 };
const stroke = (fn: (i: number) => [number, number], n = 40): StrokePoint[] =>
  Array.from({ length: n }, (_, i) => ({ x: fn(i)[0], y: fn(i)[1], time: 1000 + i * 16 }));

describe('what counts as a signature', () => {
  it('refuses an empty box', () => {
    expect(signatureProblem([], canvas)).toBe('empty');
  });

  it('refuses a dot', () => {
    expect(signatureProblem([stroke(() => [300, 100], 3)], canvas)).toBe('tooSmall');
    expect(signatureProblem([stroke((i) => [300 + (i % 3), 100 + (i % 2)])], canvas)).toBe('tooSmall');
  });

  it('refuses a straight line, in any direction', () => {
    expect(signatureProblem([stroke((i) => [50 + i * 10, 100])], canvas)).toBe('straightLine');
    expect(signatureProblem([stroke((i) => [50 + i * 10, 20 + i * 4])], canvas)).toBe('straightLine');
  });

  it('accepts a signature-like scrawl', () => {
    const wave = stroke((i) => [50 + i * 12, 100 + Math.sin(i / 2) * 40]);
    expect(signatureProblem([wave], canvas)).toBeNull();
    expect(signatureProblem([wave, stroke((i) => [80 + i, 60 + i * 2], 20)], canvas)).toBeNull();
  });
});
