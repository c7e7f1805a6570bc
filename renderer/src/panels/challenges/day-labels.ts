/** Local calendar days ('YYYY-MM-DD') as a writer reads them; formatted in UTC so no time zone moves the day. */
const at = (day: string) => new Date(`${day}T00:00:00Z`);
const long = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const dayLong = (day: string) => long.format(at(day));
export const dayShort = (day: string) => short.format(at(day));
/** Monday 0 ... Sunday 6. */
export const mondayIndex = (day: string) => (at(day).getUTCDay() + 6) % 7;
