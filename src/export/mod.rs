//! Exporters: one serializer per format, each over any `io::Write`.
