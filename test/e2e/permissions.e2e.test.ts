import { describePermissionMatrix } from '../support/permissionMatrix';
import { startSystem } from '../support/runningSystem';

describePermissionMatrix('the permission matrix: every operation × every role', ['temporal'], () =>
  startSystem({ kafka: false, auth: 'required' }),
);
