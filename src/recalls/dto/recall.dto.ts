import { IsString, MaxLength, MinLength } from 'class-validator';

export class RecallBatchDto {
  /** Shown to every shopper who scans a label of the batch. */
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  reason!: string;
}
