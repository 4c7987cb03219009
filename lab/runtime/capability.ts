// A capability: a name for what a component can do beyond running, typed by the interface it implements. A
// stack hands out a role's component as a capability only when the product filling the role declares it.
export interface Capability<T> {
  readonly name: string;
  readonly about: string;
  /** the interface a component with this capability implements (types only) */
  readonly __handle?: T;
}

export const capability = <T>(name: string, about: string): Capability<T> => ({ name, about });
