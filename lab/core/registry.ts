// A registry of named things (products, fault kinds, ops, checks): each registers itself by name in its own
// file; lists, schemas and rules elsewhere are derived from the registry.

export class Registry<T extends { readonly name: string }> {
  private readonly byName = new Map<string, T>();

  /** `what` names the things in errors: "fault kind", "product" … */
  constructor(
    readonly what: string,
    entries: readonly T[],
  ) {
    for (const e of entries) {
      if (this.byName.has(e.name)) throw new Error(`${what} "${e.name}" is registered twice`);
      this.byName.set(e.name, e);
    }
  }

  get names(): [string, ...string[]] {
    return [...this.byName.keys()] as [string, ...string[]];
  }

  get all(): T[] {
    return [...this.byName.values()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  find(name: string): T | undefined {
    return this.byName.get(name);
  }

  /** The entry; an unknown name is an Error that lists the known ones. */
  get(name: string): T {
    const e = this.byName.get(name);
    if (!e) throw new Error(`unknown ${this.what} "${name}"; known: ${this.names.join(', ')}`);
    return e;
  }
}
