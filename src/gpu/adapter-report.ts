/** What we tell users and logs about the adapter: plain data, safe to post to the UI thread. */
export interface AdapterReport {
  name: string;
  vendor: string;
  architecture: string;
  description: string;
  isFallback: boolean;
  features: string[];
  limits: Record<string, number>;
}

/** The limits that decide what our kernels can do; requested at the adapter's maximum. */
export const COMPUTE_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxUniformBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxBindGroups',
] as const;

/** Optional features we use when present; never assumed. */
export const WANTED_FEATURES = ['timestamp-query', 'subgroups', 'shader-f16'] as const;

export function describeAdapter(adapter: GPUAdapter, device: GPUDevice): AdapterReport {
  const info = adapter.info;
  const limits: Record<string, number> = {};
  for (const key of COMPUTE_LIMITS) limits[key] = Number(device.limits[key]);
  // `isFallbackAdapter` moved from the adapter to its info; read both for older browsers.
  const legacy = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const isSoftware = /swiftshader|llvmpipe|lavapipe|warp|software/i.test(
    `${info.vendor} ${info.architecture} ${info.device} ${info.description}`,
  );
  const isFallback =
    Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? legacy) || isSoftware;
  // Browsers often blank the description for privacy; vendor + architecture still identify it.
  const name = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ');
  return {
    name: name || 'unknown adapter',
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    isFallback,
    features: [...device.features].sort(),
    limits,
  };
}
