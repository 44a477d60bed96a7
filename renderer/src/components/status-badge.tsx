import type { GatewayState, InstanceStateDto } from '../../../electron/shared/dto';

const LABEL: Record<string, string> = {
  running: 'Running',
  degraded: 'Degraded',
  stopped: 'Stopped',
  starting: 'Starting…',
  error: 'Error',
  ready: 'Ready',
  'logged-out': 'Logged out',
  'cooling-down': 'Cooling down',
  crashed: 'Crashed',
  disabled: 'Disabled',
};

const TONE: Record<string, string> = {
  running: 'ok',
  ready: 'ok',
  degraded: 'warn',
  'cooling-down': 'warn',
  starting: 'info',
  'logged-out': 'warn',
  stopped: 'muted',
  disabled: 'muted',
  error: 'bad',
  crashed: 'bad',
};

export function StatusBadge(props: {
  state: GatewayState | InstanceStateDto | string;
  label?: string;
}) {
  return (
    <span className={`badge ${TONE[props.state] ?? 'muted'}`} data-state={props.state}>
      {props.label ?? LABEL[props.state] ?? props.state}
    </span>
  );
}
