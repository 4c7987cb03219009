// How far the numbers a scenario writes may go: beyond them a timer overflows (Node takes anything past 2^31 ms
// as 1 ms) or a run would outlast any reader.

/** The longest wait, bound, timeout, delay or period a scenario may name: an hour. */
export const MAX_MS = 3_600_000;
