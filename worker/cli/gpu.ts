// Device acquisition for CLI commands: any failure is a GPU error (exit 3) with the driver's message.
import { acquireDevice, type GpuContext } from '../../gpu/host/device.ts';
import { CliError, EXIT } from './errors.ts';

export async function openDevice(acquire: () => Promise<GpuContext> = acquireDevice): Promise<GpuContext> {
  try {
    return await acquire();
  } catch (error) {
    throw new CliError(`cannot open a WebGPU device: ${(error as Error).message}`, EXIT.gpu, { cause: error });
  }
}
