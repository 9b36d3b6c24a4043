// What a shopper typed, as the calculators read it: a moment leaves the page as
// the visitor's wall-clock time with its UTC offset, "now" as the visitor's clock.

// Each control by its data-kind (helpcenter/widgets.py writes it).
export function readInputs(form) {
  const inputs = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    if (control.dataset.kind === "yesno") {
      // Radio buttons: "" until one is chosen, so the calculator can say so.
      inputs[control.name] ??= "";
      if (control.checked) inputs[control.name] = control.value;
    } else if (control.dataset.kind === "now") {
      inputs[control.name] = withOffset(localInputValue(new Date(), true));
    } else if (control.dataset.kind === "moment") {
      inputs[control.name] = withOffset(control.value);
    } else {
      inputs[control.name] = control.value;
    }
  }
  return inputs;
}

// A moment or date the shopper must give starts at their own now or today.
export function fillToday(form) {
  const now = localInputValue(new Date());
  for (const control of form.querySelectorAll("input[data-kind]")) {
    if (control.value || control.hasAttribute("data-optional")) continue;
    if (control.dataset.kind === "moment") control.value = now;
    if (control.dataset.kind === "date") control.value = now.slice(0, 10);
  }
}

const pad = (number, width = 2) => String(number).padStart(width, "0");

// "2026-11-28T10:00" (the visitor's wall clock) -> "2026-11-28T10:00:00-05:00".
// The Date picks the real instant (a time skipped by a daylight-saving change
// moves forward), and its own fields and offset say that instant back. The year
// is the one typed (setFullYear: new Date(26, ...) would make 26 into 1926).
function withOffset(value) {
  const match = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return value; // empty or unreadable: the calculator says what is wrong
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0));
  const moment = new Date(2000, 0, 1);
  moment.setFullYear(year, month - 1, day);
  moment.setHours(hour, minute, second, 0);
  if (Number.isNaN(moment.getTime())) return value; // past the end of JavaScript's calendar
  // Rounded: before time zones, local mean time is a fraction of a minute (-4:56:02).
  const offset = Math.round(-moment.getTimezoneOffset());
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localInputValue(moment)}:${pad(moment.getSeconds())}${zone}`;
}

// The value of a datetime-local input for ``moment`` on the visitor's clock.
export function localInputValue(moment, withSeconds = false) {
  const year = pad(moment.getFullYear(), 4);
  const date = `${year}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
  return `${date}T${time}${withSeconds ? `:${pad(moment.getSeconds())}` : ""}`;
}
