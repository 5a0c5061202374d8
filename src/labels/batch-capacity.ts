/**
 * How many labelled packages a batch can fill. A batch weighed in kg or tonnes fills
 * floor(kg / packageNetWeightKg) packages (a product without a package weight is sold by the kg: one
 * label per kg); a batch counted in boxes, crates or pieces fills one package per unit.
 */
export function batchCapacity(quantity: number, unit: string, packageNetWeightKg: number | null): number {
  const kg = unit === 'kg' ? quantity : unit === 'tonne' ? quantity * 1000 : null;
  if (kg === null) return Math.floor(quantity);
  const perPackage = packageNetWeightKg && packageNetWeightKg > 0 ? packageNetWeightKg : 1;
  // A hair of tolerance so 1200 kg / 0.4 kg is 3000 packages despite floating point.
  return Math.floor(kg / perPackage + 1e-9);
}

/** The most labels a batch may carry before a run is refused: capacity plus the configured tolerance. */
export function labelAllowance(capacity: number, tolerance: number): number {
  return Math.floor(capacity * (1 + tolerance) + 1e-9);
}
