// The spectral model on the host: colour-matching functions, hero wavelengths, RGB/XYZ → sigmoid-polynomial
// spectra and CIE illuminant tables. WGSL twins live in gpu/shaders/spectrum/.
export * from './cmf.ts';
export * from './wavelengths.ts';
export * from './sigmoid.ts';
export * from './illuminants.ts';
