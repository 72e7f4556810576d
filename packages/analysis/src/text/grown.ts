/** A copy of `array` at least `atLeast` long, doubling: how the typed tables (word ids, sequences, phrases) grow. */
export function grown(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
