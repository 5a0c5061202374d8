import { Param } from '@nestjs/common';
import { uuidParam } from './uuid-param';

/** A path id that must be a UUID (400 naming the parameter otherwise): `:id` unless named. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, uuidParam(name));
