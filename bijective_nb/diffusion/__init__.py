"""The diffusion model (chapters 02–03): corruption processes, partial masking, the model config, exports, the model and its exact bounds, block and shifted layouts, the sampling denoiser."""
