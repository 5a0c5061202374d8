import { setUpMediumEnvironment } from './medium-env';

setUpMediumEnvironment('sqlite');
