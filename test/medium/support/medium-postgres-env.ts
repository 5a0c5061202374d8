import { setUpMediumEnvironment } from './medium-env';

setUpMediumEnvironment('postgres');
