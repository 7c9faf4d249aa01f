import type { HitEventTable, HitRows } from './hit-collection.js';

/** A growable struct-of-arrays of wire hits grouped by event (the simulation's output; no truth). */
export class HitWriter {
  n = 0;
  event = new Int32Array(0);
  tpc = new Uint8Array(0);
  view = new Uint8Array(0);
  wire = new Int32Array(0);
  tick = new Float32Array(0);
  widthTicks = new Float32Array(0);
  chargeAdc = new Float32Array(0);
  private readonly evTime: number[] = [];
  private readonly evFirst: number[] = [];
  private readonly evCount: number[] = [];

  constructor(capacity: number) {
    this.grow(Math.max(1024, capacity));
  }

  /** Opens a new event at trigger time `timeS`; later hits belong to it. Returns its index. */
  beginEvent(timeS: number): number {
    this.closeEvent();
    this.evTime.push(timeS);
    this.evFirst.push(this.n);
    this.evCount.push(-1);
    return this.evTime.length - 1;
  }

  private closeEvent(): void {
    const k = this.evCount.length - 1;
    if (k >= 0 && this.evCount[k] === -1) this.evCount[k] = this.n - this.evFirst[k]!;
  }

  push(tpc: number, view: number, wire: number, tick: number, widthTicks: number, chargeAdc: number): void {
    if (this.n === this.event.length) this.grow(2 * this.n);
    const j = this.n++;
    this.event[j] = this.evTime.length - 1;
    this.tpc[j] = tpc;
    this.view[j] = view;
    this.wire[j] = wire;
    this.tick[j] = tick;
    this.widthTicks[j] = widthTicks;
    this.chargeAdc[j] = chargeAdc;
  }

  private grow(capacity: number): void {
    const n = this.n;
    const copy = <T extends Int32Array | Uint8Array | Float32Array>(a: T, b: T): T => (b.set(a.subarray(0, n) as never), b);
    this.event = copy(this.event, new Int32Array(capacity));
    this.tpc = copy(this.tpc, new Uint8Array(capacity));
    this.view = copy(this.view, new Uint8Array(capacity));
    this.wire = copy(this.wire, new Int32Array(capacity));
    this.tick = copy(this.tick, new Float32Array(capacity));
    this.widthTicks = copy(this.widthTicks, new Float32Array(capacity));
    this.chargeAdc = copy(this.chargeAdc, new Float32Array(capacity));
  }

  events(): HitEventTable {
    this.closeEvent();
    return { count: this.evTime.length, triggerTimeS: Float64Array.from(this.evTime), firstHit: Int32Array.from(this.evFirst), hitCount: Int32Array.from(this.evCount) };
  }

  rows(): HitRows {
    const n = this.n;
    return {
      count: n,
      event: this.event.slice(0, n),
      tpc: this.tpc.slice(0, n),
      view: this.view.slice(0, n),
      wire: this.wire.slice(0, n),
      tick: this.tick.slice(0, n),
      widthTicks: this.widthTicks.slice(0, n),
      chargeAdc: this.chargeAdc.slice(0, n),
    };
  }
}
