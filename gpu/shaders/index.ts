// Registry of every WGSL module, by import name (path under gpu/shaders without ".wgsl").
// Adding a .wgsl file means adding its import and its entry here, in path order (registry.test.ts checks both);
// the linker and the shader harness page read this map.
import bvhBvh from './bvh/bvh.wgsl';
import cameraCamera from './camera/camera.wgsl';
import debugViews from './debug/views.wgsl';
import filmAov from './film/aov.wgsl';
import filmDenoise from './film/denoise.wgsl';
import filmOutput from './film/output.wgsl';
import filmPresent from './film/present.wgsl';
import filmResolve from './film/resolve.wgsl';
import integratorAov from './integrator/aov.wgsl';
import integratorBindings from './integrator/bindings.wgsl';
import integratorMis from './integrator/mis.wgsl';
import integratorPath from './integrator/path.wgsl';
import integratorPathStep from './integrator/path_step.wgsl';
import integratorViews from './integrator/views.wgsl';
import integratorWavefrontKernels from './integrator/wavefront/kernels.wgsl';
import integratorWavefrontQueues from './integrator/wavefront/queues.wgsl';
import lightsCone from './lights/cone.wgsl';
import lightsEnvironment from './lights/environment.wgsl';
import lightsLight from './lights/light.wgsl';
import lightsLightSample from './lights/light_sample.wgsl';
import lightsPlanar from './lights/planar.wgsl';
import lightsQuadLight from './lights/quad_light.wgsl';
import lightsSphereLight from './lights/sphere_light.wgsl';
import lightsTriangleLight from './lights/triangle_light.wgsl';
import materialsAlpha from './materials/alpha.wgsl';
import materialsDielectric from './materials/dielectric.wgsl';
import materialsDispersive from './materials/dispersive.wgsl';
import materialsGgx from './materials/ggx.wgsl';
import materialsGltf from './materials/gltf.wgsl';
import materialsIsotropic from './materials/isotropic.wgsl';
import materialsLambertian from './materials/lambertian.wgsl';
import materialsLobe from './materials/lobe.wgsl';
import materialsMaterial from './materials/material.wgsl';
import materialsMetal from './materials/metal.wgsl';
import materialsThinFilm from './materials/thin_film.wgsl';
import mathConstants from './math/constants.wgsl';
import mathRng from './math/rng.wgsl';
import mediaMedium from './media/medium.wgsl';
import samplingBlueNoise from './sampling/blue_noise.wgsl';
import samplingFrame from './sampling/frame.wgsl';
import samplingPdf from './sampling/pdf.wgsl';
import samplingSampler from './sampling/sampler.wgsl';
import samplingSobol from './sampling/sobol.wgsl';
import samplingWarp from './sampling/warp.wgsl';
import shapesCommon from './shapes/common.wgsl';
import shapesMovingSphere from './shapes/moving_sphere.wgsl';
import shapesPrimitive from './shapes/primitive.wgsl';
import shapesQuad from './shapes/quad.wgsl';
import shapesRay from './shapes/ray.wgsl';
import shapesShading from './shapes/shading.wgsl';
import shapesShape from './shapes/shape.wgsl';
import shapesSphere from './shapes/sphere.wgsl';
import shapesTriangle from './shapes/triangle.wgsl';
import spectrumCmf from './spectrum/cmf.wgsl';
import spectrumIlluminant from './spectrum/illuminant.wgsl';
import spectrumSigmoid from './spectrum/sigmoid.wgsl';
import spectrumWavelengths from './spectrum/wavelengths.wgsl';
import testsBlueNoise from './tests/blue_noise_test.wgsl';
import testsBvh from './tests/bvh_test.wgsl';
import testsEnvironment from './tests/environment_test.wgsl';
import testsFilm from './tests/film_test.wgsl';
import testsImage from './tests/image_test.wgsl';
import testsIo from './tests/io.wgsl';
import testsLights from './tests/lights_test.wgsl';
import testsMaterials from './tests/materials_test.wgsl';
import testsMis from './tests/mis_test.wgsl';
import testsRng from './tests/rng_test.wgsl';
import testsSampler from './tests/sampler_test.wgsl';
import testsSampling from './tests/sampling_test.wgsl';
import testsShading from './tests/shading_test.wgsl';
import testsShapes from './tests/shapes_test.wgsl';
import testsSpectrum from './tests/spectrum_test.wgsl';
import testsSphereGrid from './tests/sphere_grid.wgsl';
import texturesChecker from './textures/checker.wgsl';
import texturesImage from './textures/image.wgsl';
import texturesTexture from './textures/texture.wgsl';

export const SHADER_MODULES: Readonly<Record<string, string>> = {
  'bvh/bvh': bvhBvh,
  'camera/camera': cameraCamera,
  'debug/views': debugViews,
  'film/aov': filmAov,
  'film/denoise': filmDenoise,
  'film/output': filmOutput,
  'film/present': filmPresent,
  'film/resolve': filmResolve,
  'integrator/aov': integratorAov,
  'integrator/bindings': integratorBindings,
  'integrator/mis': integratorMis,
  'integrator/path': integratorPath,
  'integrator/path_step': integratorPathStep,
  'integrator/views': integratorViews,
  'integrator/wavefront/kernels': integratorWavefrontKernels,
  'integrator/wavefront/queues': integratorWavefrontQueues,
  'lights/cone': lightsCone,
  'lights/environment': lightsEnvironment,
  'lights/light': lightsLight,
  'lights/light_sample': lightsLightSample,
  'lights/planar': lightsPlanar,
  'lights/quad_light': lightsQuadLight,
  'lights/sphere_light': lightsSphereLight,
  'lights/triangle_light': lightsTriangleLight,
  'materials/alpha': materialsAlpha,
  'materials/dielectric': materialsDielectric,
  'materials/dispersive': materialsDispersive,
  'materials/ggx': materialsGgx,
  'materials/gltf': materialsGltf,
  'materials/isotropic': materialsIsotropic,
  'materials/lambertian': materialsLambertian,
  'materials/lobe': materialsLobe,
  'materials/material': materialsMaterial,
  'materials/metal': materialsMetal,
  'materials/thin_film': materialsThinFilm,
  'math/constants': mathConstants,
  'math/rng': mathRng,
  'media/medium': mediaMedium,
  'sampling/blue_noise': samplingBlueNoise,
  'sampling/frame': samplingFrame,
  'sampling/pdf': samplingPdf,
  'sampling/sampler': samplingSampler,
  'sampling/sobol': samplingSobol,
  'sampling/warp': samplingWarp,
  'shapes/common': shapesCommon,
  'shapes/moving_sphere': shapesMovingSphere,
  'shapes/primitive': shapesPrimitive,
  'shapes/quad': shapesQuad,
  'shapes/ray': shapesRay,
  'shapes/shading': shapesShading,
  'shapes/shape': shapesShape,
  'shapes/sphere': shapesSphere,
  'shapes/triangle': shapesTriangle,
  'spectrum/cmf': spectrumCmf,
  'spectrum/illuminant': spectrumIlluminant,
  'spectrum/sigmoid': spectrumSigmoid,
  'spectrum/wavelengths': spectrumWavelengths,
  'tests/blue_noise_test': testsBlueNoise,
  'tests/bvh_test': testsBvh,
  'tests/environment_test': testsEnvironment,
  'tests/film_test': testsFilm,
  'tests/image_test': testsImage,
  'tests/io': testsIo,
  'tests/lights_test': testsLights,
  'tests/materials_test': testsMaterials,
  'tests/mis_test': testsMis,
  'tests/rng_test': testsRng,
  'tests/sampler_test': testsSampler,
  'tests/sampling_test': testsSampling,
  'tests/shading_test': testsShading,
  'tests/shapes_test': testsShapes,
  'tests/spectrum_test': testsSpectrum,
  'tests/sphere_grid': testsSphereGrid,
  'textures/checker': texturesChecker,
  'textures/image': texturesImage,
  'textures/texture': texturesTexture
};
