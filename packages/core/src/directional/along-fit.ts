/**
 * Steps along a direction that stay inside the box and the range of floats.
 * Moving x to x + τ·d is the scalar problem g(τ) = f(x + τ·d), whose own box
 * is [−down, up]: the largest moves against and along d that keep every
 * element inside its bounds and finite. The stencil is fitted to that
 * interval as numericalDiff fits a scalar's (fitToBounds, scipy's
 * _adjust_scheme_to_bounds): the scheme's own nodes when they fit, else the
 * one-sided formula of the same order toward the side with room, else the
 * step shrunk to the room; then every stored node is checked element by
 * element and the step pulled in where rounding carried one past its bound.
 * Used by directionalDerivative, hessianVectorProduct and gradCheck's fast
 * mode. Internal module.
 */
import { fitToBounds, type ElementBounds, type Fit } from '../kernel/bounds.js';
import { ArgumentRangeError, StepOverflowError } from '../errors/error-classes.js';
import { elementLabel, type Perturbation } from './perturb-along.js';
import { STENCILS } from '../kernel/stencil.js';
import { FLOAT32_MAX, type DifferenceScheme } from '../kernel/step.js';

/** How far x may move against d (down) and along d (up), and the elements that limit each. */
interface Room {
  up: number;
  down: number;
  upAt: number;
  downAt: number;
}

/** The room along ±d inside the box (and, with `floats`, inside the range of finite floats of each storage). */
function roomAlong(room: Room, p: Perturbation, d: Float64Array, box: ElementBounds | undefined, floats: boolean): Room {
  room.up = room.down = Infinity;
  room.upAt = room.downAt = -1;
  for (const { float32, start, end } of p.segments) {
    const top = floats ? (float32 ? FLOAT32_MAX : Number.MAX_VALUE) : Infinity;
    for (let k = start; k < end; k++) {
      const dk = d[k]!;
      if (dk === 0) continue;
      const x = p.saved[k]!;
      const lo = Math.max(box === undefined ? -Infinity : box.lower[k]!, -top);
      const hi = Math.min(box === undefined ? Infinity : box.upper[k]!, top);
      const a = (dk > 0 ? dk : -dk) / 2;
      // halves: hi − x may exceed MAX (x = −MAX, hi = MAX); the quotient overflows only when the room does
      const toward = (dk > 0 ? hi / 2 - x / 2 : x / 2 - lo / 2) / a; // room along +d
      const away = (dk > 0 ? x / 2 - lo / 2 : hi / 2 - x / 2) / a; // room along −d
      if (toward < room.up) [room.up, room.upAt] = [toward, k];
      if (away < room.down) [room.down, room.downAt] = [away, k];
    }
  }
  return room;
}

const ROOM: Room = { up: 0, down: 0, upAt: -1, downAt: -1 };
const BOX_ROOM: Room = { up: 0, down: 0, upAt: -1, downAt: -1 };
const BOX_FIT: Fit = { stencil: STENCILS.central, h: 0 };

/** What the fit needs to know about the call. */
export interface AlongRules {
  scheme: DifferenceScheme;
  /** h: 'auto' (the step may shrink to fit the range of floats). */
  auto: boolean;
  /** quotient 'nominal' (its formula needs the nodes on both sides, unless a bound forbids them). */
  nominal: boolean;
  where: string;
  /** The direction's name (`v`) and the step h along it as the user sees it (x ± h·v), for messages. */
  name: string;
  h: number;
}

/**
 * Fit the scheme's stencil along d at step t (x + τ·t·d for its offsets τ)
 * into `fit`. Inside the range of floats only because of a bound the user
 * gave, any fit goes; at the edge of the float range a fixed h must fit on
 * one side at least, and the nominal quotient needs its own nodes (as
 * numericalGradient).
 * @throws StepOverflowError when a fixed h leaves no room in the range of floats, or 'nominal' meets its edge
 */
export function fitAlong(fit: Fit, p: Perturbation, d: Float64Array, t: number, box: ElementBounds | undefined, rules: AlongRules): Fit {
  const own = STENCILS[rules.scheme];
  const room = roomAlong(ROOM, p, d, box, true);
  fitToBounds(fit, rules.scheme, own, 0, t, -room.down, room.up, false);
  if (fit.stencil !== own || fit.h !== t) {
    const boxRoom = roomAlong(BOX_ROOM, p, d, box, false);
    fitToBounds(BOX_FIT, rules.scheme, own, 0, t, -boxRoom.down, boxRoom.up, false);
    const at = room.up < room.down ? room.upAt : room.downAt;
    if (!rules.auto && fit.h < BOX_FIT.h) throw edgeError(p, at, rules, false);
    if (rules.nominal && fit.stencil !== own && BOX_FIT.stencil === own) throw edgeError(p, at, rules, true);
  }
  if (!(fit.h > 0)) throw noRoomError(p, room, rules);
  let reach = 0;
  for (const o of fit.stencil.offsets) reach = Math.max(reach, Math.abs(o));
  if (box !== undefined || fit.stencil !== own || fit.h !== t || 2 * reach * fit.h > Math.min(room.up, room.down)) {
    for (let attempt = 0; attempt < 20 && !storedInside(p, d, fit, box); attempt++) fit.h *= 1 - 2 ** (attempt - 20);
  }
  return fit;
}

/** Every node x + τ·h·d of the fit, as each storage holds it, is finite and inside its element's bounds. */
function storedInside(p: Perturbation, d: Float64Array, fit: Fit, box: ElementBounds | undefined): boolean {
  for (const offset of fit.stencil.offsets) {
    const tau = offset * fit.h;
    for (const { float32, start, end } of p.segments) {
      for (let k = start; k < end; k++) {
        const sum = p.saved[k]! + tau * d[k]!;
        const v = float32 ? Math.fround(sum) : sum;
        if (v - v !== 0) return false;
        if (box !== undefined && !(v >= box.lower[k]! && v <= box.upper[k]!)) return false;
      }
    }
  }
  return true;
}

/** ArgumentRangeError: the direction leaves the box at once both ways (two elements on bounds it points out of). */
function noRoomError(p: Perturbation, room: Room, rules: AlongRules): ArgumentRangeError {
  const up = room.upAt >= 0 ? elementLabel(p, room.upAt) : '?';
  const down = room.downAt >= 0 ? elementLabel(p, room.downAt) : '?';
  return new ArgumentRangeError(
    `${rules.where}: no step along ±${rules.name} stays inside the bounds: moving along +${rules.name} takes ${up} out of its box at once, and along −${rules.name} ${down}; ` +
      `flip the sign of ${rules.name} at one of them so that it points into its box (f was not called).`,
  );
}

/** StepOverflowError at the edge of the float range, naming the element that limits the move. */
function edgeError(p: Perturbation, k: number, rules: AlongRules, nominal: boolean): StepOverflowError {
  const coordinate = k >= 0 ? elementLabel(p, k) : rules.name;
  const value = k >= 0 ? p.saved[k]! : NaN;
  const why = nominal
    ? `so a node x ± h·${rules.name} would overflow to ±Infinity and quotient: 'nominal' needs the nodes on both sides; use the default quotient: 'actual' (it steps toward the interior there)`
    : `so the nodes x ± h·${rules.name} would overflow to ±Infinity on both sides; use a smaller h or h: 'auto'`;
  const within = rules.auto ? `the automatic step along ${rules.name}` : `h=${rules.h} times ${rules.name}`;
  return new StepOverflowError(coordinate, rules.h, value, `${rules.where}: ${coordinate}=${value} is within ${within} of the largest finite number, ${why}.`);
}
