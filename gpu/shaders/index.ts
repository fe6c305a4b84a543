// Registry of every WGSL module, by import name (path under gpu/shaders without ".wgsl").
// Adding a .wgsl file means adding one line here; the linker and the shader harness page read this map.
import mathConstants from './math/constants.wgsl';
import mathRng from './math/rng.wgsl';
import testsRng from './tests/rng_test.wgsl';
import shapesRay from './shapes/ray.wgsl';
import shapesPrimitive from './shapes/primitive.wgsl';
import shapesCommon from './shapes/common.wgsl';
import shapesSphere from './shapes/sphere.wgsl';
import shapesMovingSphere from './shapes/moving_sphere.wgsl';
import shapesQuad from './shapes/quad.wgsl';
import shapesTriangle from './shapes/triangle.wgsl';
import shapesShading from './shapes/shading.wgsl';
import shapesShape from './shapes/shape.wgsl';
import bvhBvh from './bvh/bvh.wgsl';
import testsShapes from './tests/shapes_test.wgsl';
import testsBvh from './tests/bvh_test.wgsl';
import spectrumWavelengths from './spectrum/wavelengths.wgsl';
import spectrumCmf from './spectrum/cmf.wgsl';
import spectrumSigmoid from './spectrum/sigmoid.wgsl';
import spectrumIlluminant from './spectrum/illuminant.wgsl';
import filmOutput from './film/output.wgsl';
import testsSpectrum from './tests/spectrum_test.wgsl';
import testsFilm from './tests/film_test.wgsl';
import samplingPdf from './sampling/pdf.wgsl';
import samplingWarp from './sampling/warp.wgsl';
import samplingFrame from './sampling/frame.wgsl';
import materialsLambertian from './materials/lambertian.wgsl';
import materialsMetal from './materials/metal.wgsl';
import materialsGgx from './materials/ggx.wgsl';
import materialsGltf from './materials/gltf.wgsl';
import materialsAlpha from './materials/alpha.wgsl';
import materialsLobe from './materials/lobe.wgsl';
import materialsDielectric from './materials/dielectric.wgsl';
import materialsDispersive from './materials/dispersive.wgsl';
import materialsThinFilm from './materials/thin_film.wgsl';
import materialsIsotropic from './materials/isotropic.wgsl';
import lightsLightSample from './lights/light_sample.wgsl';
import lightsPlanar from './lights/planar.wgsl';
import lightsSphereLight from './lights/sphere_light.wgsl';
import lightsQuadLight from './lights/quad_light.wgsl';
import lightsTriangleLight from './lights/triangle_light.wgsl';
import lightsCone from './lights/cone.wgsl';
import integratorMis from './integrator/mis.wgsl';
import testsSphereGrid from './tests/sphere_grid.wgsl';
import testsSampling from './tests/sampling_test.wgsl';
import testsMaterials from './tests/materials_test.wgsl';
import testsLights from './tests/lights_test.wgsl';
import testsMis from './tests/mis_test.wgsl';
import integratorBindings from './integrator/bindings.wgsl';
import integratorPath from './integrator/path.wgsl';
import integratorViews from './integrator/views.wgsl';
import integratorPathStep from './integrator/path_step.wgsl';
import integratorWavefrontQueues from './integrator/wavefront/queues.wgsl';
import integratorWavefrontKernels from './integrator/wavefront/kernels.wgsl';
import cameraCamera from './camera/camera.wgsl';
import texturesChecker from './textures/checker.wgsl';
import texturesImage from './textures/image.wgsl';
import testsImage from './tests/image_test.wgsl';
import testsShading from './tests/shading_test.wgsl';
import texturesTexture from './textures/texture.wgsl';
import mediaMedium from './media/medium.wgsl';
import lightsLight from './lights/light.wgsl';
import materialsMaterial from './materials/material.wgsl';
import debugViews from './debug/views.wgsl';
import filmResolve from './film/resolve.wgsl';
import filmPresent from './film/present.wgsl';
import samplingSobol from './sampling/sobol.wgsl';
import samplingBlueNoise from './sampling/blue_noise.wgsl';
import testsBlueNoise from './tests/blue_noise_test.wgsl';
import samplingSampler from './sampling/sampler.wgsl';
import testsSampler from './tests/sampler_test.wgsl';

export const SHADER_MODULES: Readonly<Record<string, string>> = {
  'shapes/ray': shapesRay,
  'shapes/primitive': shapesPrimitive,
  'shapes/common': shapesCommon,
  'shapes/sphere': shapesSphere,
  'shapes/moving_sphere': shapesMovingSphere,
  'shapes/quad': shapesQuad,
  'shapes/triangle': shapesTriangle,
  'shapes/shading': shapesShading,
  'shapes/shape': shapesShape,
  'bvh/bvh': bvhBvh,
  'tests/shapes_test': testsShapes,
  'tests/bvh_test': testsBvh,
  'spectrum/wavelengths': spectrumWavelengths,
  'spectrum/cmf': spectrumCmf,
  'spectrum/sigmoid': spectrumSigmoid,
  'spectrum/illuminant': spectrumIlluminant,
  'film/output': filmOutput,
  'tests/spectrum_test': testsSpectrum,
  'tests/film_test': testsFilm,
  'math/constants': mathConstants,
  'math/rng': mathRng,
  'tests/rng_test': testsRng,
  'sampling/pdf': samplingPdf,
  'sampling/warp': samplingWarp,
  'sampling/frame': samplingFrame,
  'materials/lambertian': materialsLambertian,
  'materials/metal': materialsMetal,
  'materials/ggx': materialsGgx,
  'materials/gltf': materialsGltf,
  'materials/alpha': materialsAlpha,
  'materials/lobe': materialsLobe,
  'materials/dielectric': materialsDielectric,
  'materials/dispersive': materialsDispersive,
  'materials/thin_film': materialsThinFilm,
  'materials/isotropic': materialsIsotropic,
  'lights/light_sample': lightsLightSample,
  'lights/planar': lightsPlanar,
  'lights/sphere_light': lightsSphereLight,
  'lights/quad_light': lightsQuadLight,
  'lights/triangle_light': lightsTriangleLight,
  'lights/cone': lightsCone,
  'integrator/mis': integratorMis,
  'tests/sphere_grid': testsSphereGrid,
  'tests/sampling_test': testsSampling,
  'tests/materials_test': testsMaterials,
  'tests/lights_test': testsLights,
  'tests/mis_test': testsMis,
  'integrator/bindings': integratorBindings,
  'integrator/path': integratorPath,
  'integrator/views': integratorViews,
  'integrator/path_step': integratorPathStep,
  'integrator/wavefront/queues': integratorWavefrontQueues,
  'integrator/wavefront/kernels': integratorWavefrontKernels,
  'camera/camera': cameraCamera,
  'textures/checker': texturesChecker,
  'textures/image': texturesImage,
  'tests/image_test': testsImage,
  'tests/shading_test': testsShading,
  'textures/texture': texturesTexture,
  'media/medium': mediaMedium,
  'lights/light': lightsLight,
  'materials/material': materialsMaterial,
  'debug/views': debugViews,
  'film/resolve': filmResolve,
  'film/present': filmPresent,
  'sampling/sobol': samplingSobol,
  'sampling/blue_noise': samplingBlueNoise,
  'tests/blue_noise_test': testsBlueNoise,
  'sampling/sampler': samplingSampler,
  'tests/sampler_test': testsSampler
};
