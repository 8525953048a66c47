/** A workflow definition the engine refuses (INVALID_ARGUMENT). */
export class DefinitionError extends Error {}
