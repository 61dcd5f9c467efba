import { describe, expect, it } from 'vitest';
import { grownTo, release } from '../../../src/core/store/typed-arrays';

describe('typed arrays an import grows', () => {
  it('grow with their values and give the old memory back at once', () => {
    const before = process.memoryUsage().arrayBuffers;
    const small = new Int32Array(8_000_000).fill(7);
    const large = grownTo(small, new Int32Array(16_000_000));
    expect(large[7_999_999]).toBe(7);
    expect(large[8_000_000]).toBe(0);
    expect(small.length).toBe(0);
    // The 32 MB of the smaller array are gone without a collection; the 64 MB one remains.
    const held = process.memoryUsage().arrayBuffers - before;
    expect(held).toBeGreaterThan(60e6);
    expect(held).toBeLessThan(70e6);
    release(large);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2e6);
  });

  it('leave a view into a larger buffer alone', () => {
    const whole = new Float64Array(1000).fill(1);
    const part = whole.subarray(10, 20);
    release(part);
    expect(part.length).toBe(10);
    expect(whole[15]).toBe(1);
  });
});
