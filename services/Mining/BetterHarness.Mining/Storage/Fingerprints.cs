namespace BetterHarness.Mining.Storage;

/// <summary>Fingerprint vectors as BLOBs (little-endian float32), the portable way to keep them next to the row.</summary>
internal static class Fingerprints
{
    public static byte[] ToBlob(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static float[] FromBlob(byte[]? blob)
    {
        if (blob is null) return [];
        var vector = new float[blob.Length / sizeof(float)];
        Buffer.BlockCopy(blob, 0, vector, 0, blob.Length);
        return vector;
    }
}
