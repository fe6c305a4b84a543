// Numeric constants shared by every module.

const PI: f32 = 3.14159265358979;
const TWO_PI: f32 = 6.28318530717959;
const INV_PI: f32 = 0.318309886183791;
const INV_TWO_PI: f32 = 0.159154943091895;
const INV_FOUR_PI: f32 = 0.0795774715459477;
const F32_MAX: f32 = 3.40282346638528859812e+38;
/// Smallest ray distance accepted by scene queries (the reference's shadow-acne epsilon).
const T_MIN: f32 = 0.001;
/// The largest f32 below 1: keeps a uniform number in [0, 1) after arithmetic that may round it up to 1.
const ONE_MINUS_EPSILON: f32 = 0.99999994;
