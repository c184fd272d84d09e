// Live events arrive in bursts (thousands of task events, progress points every few ms): a
// throttled call runs at most once per interval, however often it is asked for.

/**
 * Returns a trigger that runs `action` once, `wait` ms after the first call of a quiet spell
 * (`wait` may be a function, read at that call). `trigger.now()` runs it at once instead of the
 * pending run; `trigger.cancel()` drops a pending run.
 */
export function throttle(action, wait) {
  let timer = null;
  const delay = () => (typeof wait === 'function' ? wait() : wait);
  const schedule = (ms) => {
    timer = setTimeout(() => {
      timer = null;
      action();
    }, ms);
  };
  const trigger = () => {
    if (!timer) {
      schedule(delay());
    }
  };
  trigger.now = () => {
    clearTimeout(timer);
    schedule(0);
  };
  trigger.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return trigger;
}
