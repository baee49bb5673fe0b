import { describe, expect, it } from 'vitest';
import { StepClock } from '../src/descent/step-clock.js';

describe('step clock', () => {
  it('shows speed × elapsed seconds whole steps, and stops by itself at the end', () => {
    const clock = new StepClock(40);
    clock.restart(1000);
    expect(clock.advance(1000, 200)).toBe(0);
    expect(clock.advance(1100, 200)).toBe(4); // 40 steps/s × 0.1 s
    expect(clock.advance(1130, 200)).toBe(5); // 5.2
    expect(clock.advance(7000, 200)).toBe(200);
    expect(clock.playing).toBe(false);
  });

  it('never runs backward when a frame is stamped before the restart that scheduled it', () => {
    const clock = new StepClock(10);
    clock.restart(500);
    expect(clock.advance(480, 50)).toBe(0);
    expect(clock.advance(600, 50)).toBe(1); // from 500, not from 480
  });

  it('pauses, resumes from the resume time, and skips', () => {
    const clock = new StepClock(10);
    clock.restart(0);
    expect(clock.advance(300, 100)).toBe(3);
    clock.pause();
    expect(clock.advance(5000, 100)).toBe(3);
    clock.resume(5000);
    expect(clock.advance(5200, 100)).toBe(5);
    clock.speed = 100;
    expect(clock.advance(5300, 100)).toBe(15);
    clock.skipTo(100);
    expect(clock.advance(9000, 100)).toBe(100);
    expect(clock.playing).toBe(false);
  });
});
