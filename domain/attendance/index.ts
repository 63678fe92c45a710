/** Attendance rules (考勤): pure functions over settings, punches and the calendar. No I/O. */
export * from './settings';
export * from './calendar';
export * from './shift';
export * from './geofence';
export * from './anti-cheat';
export * from './format';
export * from './punch-evaluation';
export * from './day-status';
export * from './month-summary';
