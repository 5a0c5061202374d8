/**
 * A typed mock whose every method fails the test when it is called without having been given an
 * implementation: the service under test may only touch what the test expects it to touch.
 *
 *   const repo = strictMock<Repository<User>>('users', { exists: jest.fn().mockResolvedValue(false) });
 */
// Intersected with T so it is assignable where the real class (with its private members) is expected.
export type StrictMock<T> = T & {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> & T[K] : T[K];
};

export function strictMock<T extends object>(name: string, implementations: Partial<Record<keyof T, unknown>> = {}): StrictMock<T> {
  const members = new Map<PropertyKey, unknown>(Object.entries(implementations));
  return new Proxy({} as StrictMock<T>, {
    get(_target, property) {
      // Never look like a promise, or `await mock` would call a then() nobody defined.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      if (!members.has(property)) {
        members.set(
          property,
          jest.fn((...args: unknown[]) => {
            throw new Error(`unexpected call: ${name}.${String(property)}(${args.map(describe).join(', ')})`);
          }),
        );
      }
      return members.get(property);
    },
    set(_target, property, value) {
      members.set(property, value);
      return true;
    },
  });
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
