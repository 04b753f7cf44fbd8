using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiContracts.Core.Generation;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Export;

/// <summary>
/// Streams records to a file with constant memory: one record is made, written and dropped at a time.
/// The file appears only when complete (through <see cref="AtomicFile"/>); a failure or cancellation leaves no partial file.
/// Shards concatenate to the unsharded export byte for byte in JSON, NDJSON and CSV with the header in shard 1
/// only (the default); each SQLite shard is a database of its own range.
/// </summary>
public static class FixtureExporter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true };
    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>Writes records of <paramref name="dataset"/> (the range of <paramref name="shard"/>) to <paramref name="path"/>; returns the number written.</summary>
    /// <param name="source">What a record is.</param>
    /// <param name="dataset">The dataset; its size is the total count across shards.</param>
    /// <param name="format">The file format.</param>
    /// <param name="shard">Which part of the dataset to write.</param>
    /// <param name="path">The output file: a new path or a regular file (see <see cref="AtomicFile"/>).</param>
    /// <param name="progress">Told the number of records written so far, now and then.</param>
    /// <param name="csv">CSV choices (default <see cref="CsvOptions.Default"/>); other formats ignore them.</param>
    /// <param name="cancel">Stops the export; the partial file is removed and <paramref name="path"/> keeps what it held.</param>
    /// <exception cref="NotARegularFileException">When <paramref name="path"/> is a directory, device, FIFO or link.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancel"/> fired.</exception>
    public static long Export(FixtureSource source, Dataset dataset, ExportFormat format, Shard shard, string path, IProgress<long>? progress = null, CsvOptions? csv = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"--out {path}: the folder {directory} does not exist");
        AtomicFile.CheckTarget(full, $"--out {path}");
        var (start, end) = shard.Range(dataset.Size);
        try
        {
            AtomicFile.Write(full, (stream, token) => Write(source, dataset, format, shard, start, end, stream, progress, csv, token), cancel);
            return end - start;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not NotARegularFileException)
        {
            throw new IOException($"{path}: cannot write the export there: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the records [start, end) to <paramref name="stream"/>; <paramref name="cancel"/> is checked before each record.</summary>
    /// <param name="source">What a record is.</param>
    /// <param name="dataset">The dataset.</param>
    /// <param name="format">The format.</param>
    /// <param name="shard">Which shard the range is: the JSON brackets and the CSV header go in the first (or, with <see cref="CsvOptions.HeaderInEveryShard"/>, every) shard.</param>
    /// <param name="start">The first index written.</param>
    /// <param name="end">The index after the last one written.</param>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="progress">Told the number of records written so far, now and then.</param>
    /// <param name="csv">CSV choices (default <see cref="CsvOptions.Default"/>); other formats ignore them.</param>
    /// <param name="cancel">Checked before each record.</param>
    public static void Write(FixtureSource source, Dataset dataset, ExportFormat format, Shard shard, long start, long end, Stream stream, IProgress<long>? progress = null, CsvOptions? csv = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stream);
        if (format == ExportFormat.Sqlite)
        {
            SqliteExport.Write(source, dataset, start, end, stream, progress);
            return;
        }

        csv ??= CsvOptions.Default;
        using var writer = new Utf8JsonWriter(stream, Compact);
        var line = new StringBuilder();
        if (format == ExportFormat.Json && shard.IsFirst) Raw(writer, stream, "[\n");
        if (format == ExportFormat.Csv && (shard.IsFirst || csv.HeaderInEveryShard))
        {
            if (csv.ByteOrderMark) stream.Write(Encoding.UTF8.Preamble);
            foreach (var column in source.Columns)
            {
                if (line.Length > 0) line.Append(',');
                Flatten.AppendCsv(line, csv.HeaderNames == CsvHeaderNames.Pointer ? column : Flatten.Dotted(column));
            }

            Raw(writer, stream, line.Append('\n').ToString());
        }

        for (var i = start; i < end; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var record = source.Record(dataset, i);
            switch (format)
            {
                case ExportFormat.Csv:
                    line.Clear();
                    for (var c = 0; c < source.Columns.Count; c++)
                    {
                        if (c > 0) line.Append(',');
                        Flatten.AppendCell(line, record, source.Columns[c]);
                    }

                    Raw(writer, stream, line.Append('\n').ToString());
                    break;
                case ExportFormat.Json:
                    if (i > 0) Raw(writer, stream, ",\n");
                    record.WriteTo(writer);
                    writer.Flush();
                    writer.Reset();
                    break;
                default:
                    record.WriteTo(writer);
                    writer.Flush();
                    writer.Reset();
                    stream.Write(Newline);
                    break;
            }

            if (progress is not null && (i - start + 1) % 10_000 == 0) progress.Report(i - start + 1);
        }

        if (format == ExportFormat.Json && shard.IsLast) Raw(writer, stream, "\n]\n");
        progress?.Report(end - start);
    }

    private static void Raw(Utf8JsonWriter writer, Stream stream, string text)
    {
        writer.Flush();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
