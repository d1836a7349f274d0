// Working days and deadlines of the city: the pure calendar, its time-zone arithmetic and the SLA rules on top.
export * from './shanghai-time.ts';
export * from './work-calendar.ts';
export * from './deadline-rules.ts';
