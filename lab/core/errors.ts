// Errors at the lab's boundaries. The CLI prints `message` as one line and exits with `exitCode`.

export class LabError extends Error {
  readonly exitCode: number = 2;
}

/** A scenario file or name is wrong: what and where. */
export class ScenarioError extends LabError {
  override name = 'ScenarioError';
}

/** A program the topology needs is missing and cannot be installed here. */
export class ProvisionError extends LabError {
  override name = 'ProvisionError';
}

/** A component failed to start, answer or stop. */
export class ComponentError extends LabError {
  override name = 'ComponentError';
  constructor(
    readonly component: string,
    message: string,
  ) {
    super(`${component}: ${message}`);
  }
}

/** The user pressed Ctrl-C. */
export class Interrupted extends LabError {
  override name = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}
