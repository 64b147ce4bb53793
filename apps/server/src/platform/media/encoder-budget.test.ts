import { describe, expect, it } from 'vitest';
import { EncoderBudget } from './encoder-budget';

describe('EncoderBudget', () => {
  it('gives a lone transcode every core and shares them among those that start together', () => {
    const budget = new EncoderBudget(4);
    const first = budget.take();
    expect(first.encoders).toBe(4);
    const second = budget.take();
    expect(second.encoders).toBe(2);
    const third = budget.take();
    expect(third.encoders).toBe(1);
    expect(budget.take().encoders).toBe(1); // never fewer than one
  });

  it('gives the cores back on release, once however often it is called', () => {
    const budget = new EncoderBudget(2);
    const first = budget.take();
    first.release();
    first.release();
    const second = budget.take();
    expect(second.encoders).toBe(2);
    expect(budget.take().encoders).toBe(1);
  });
});
