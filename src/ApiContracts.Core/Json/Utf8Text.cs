using System.Buffers;
using System.Text;

namespace ApiContracts.Core.Json;

/// <summary>Finds and describes the first byte sequence that is not UTF-8, for messages that say where.</summary>
internal static class Utf8Text
{
    /// <summary>The offset of the first invalid sequence and what is wrong with it; null when <paramref name="utf8"/> is valid UTF-8.</summary>
    public static (int Offset, string Reason)? FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return null;
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                return (offset, $"the text ends inside a UTF-8 sequence (byte 0x{utf8[offset]:X2} at byte offset {offset} starts it)");
            }

            if (status != OperationStatus.Done)
            {
                return (offset, $"byte 0x{utf8[offset]:X2} at byte offset {offset} does not form a UTF-8 character");
            }

            offset += consumed;
        }

        return (0, "the text is not UTF-8");
    }
}
