"""Sampling (chapter 05): the strategies, the digit policy of partial masking, generate and generate_long, the sampling command line."""
