import { PlotRecord } from './records';

export default PlotRecord;
