/** The parts of the `mnist` package (1.1.0, CommonJS, no types of its own) the examples use. */
declare module 'mnist' {
  /** All samples of one digit class. */
  interface MnistDigit {
    /** The class, 0–9. */
    id: number;
    /** Number of 28×28 samples of this digit. */
    length: number;
    /** length·784 pixel values in [0, 1], sample after sample, row-major. */
    raw: number[];
  }
  /** Ten digit classes, indexed by digit. */
  const mnist: { readonly [digit: number]: MnistDigit };
  export default mnist;
}
