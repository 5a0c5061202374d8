import { BatchRecord } from './records';

export default BatchRecord;
