/** DI tokens of the event store module. */
export const EVENT_STORE_DATA_SOURCE = Symbol('EVENT_STORE_DATA_SOURCE');
