// Redis keys and channels private to the queue (BullMQ keeps its own under its prefix).

/** Pub/sub channel: a message is a render id whose work must stop now, wherever it runs. */
export const CANCEL_CHANNEL = 'clovers:cancel';

export const redisKeys = {
  /** Set while a render is cancelled; workers check it before starting and before completing. */
  cancelled: (renderId: string) => `clovers:render:${renderId}:cancelled`,
  /** Hash chunk index → samples done, for the progress of a chunked render. */
  chunkProgress: (renderId: string) => `clovers:render:${renderId}:chunks`,
  /** The preview request (scene and options), read by the preview worker. */
  previewRequest: (previewId: string) => `clovers:preview:${previewId}:request`,
  /** JSON PreviewState without the image. */
  previewState: (previewId: string) => `clovers:preview:${previewId}:state`,
  /** The preview PNG bytes. */
  previewPng: (previewId: string) => `clovers:preview:${previewId}:png`,
  /** JSON WorkerStatus of one worker process, expiring unless its heartbeat renews it. */
  workerStatus: (workerId: string) => `clovers:worker:${workerId}`,
  /** SCAN pattern of every workerStatus key. */
  workerStatusPattern: 'clovers:worker:*'
};

/** How long the cancelled flag outlives a cancel request (longer than any queued render waits). */
export const CANCEL_FLAG_TTL_S = 7 * 24 * 3600;
