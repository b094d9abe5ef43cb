namespace BetterHarness.Clustering.Domain.Features;

/// <summary>Small dense-vector helpers; every feature vector here is unit length so dot = cosine.</summary>
public static class Vectors
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        var n = System.Numerics.Vector<float>.Count;
        var i = 0;
        var acc = System.Numerics.Vector<float>.Zero;
        for (; i <= a.Length - n; i += n)
            acc += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        sum = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static float[] Normalized(ReadOnlySpan<float> v)
    {
        var copy = v.ToArray();
        var norm = MathF.Sqrt(Dot(copy, copy));
        if (norm > 0) for (var i = 0; i < copy.Length; i++) copy[i] /= norm;
        return copy;
    }

    public static byte[] ToBytes(float[] v)
    {
        var bytes = new byte[v.Length * sizeof(float)];
        Buffer.BlockCopy(v, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static float[] FromBytes(byte[] bytes)
    {
        var v = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, v, 0, bytes.Length);
        return v;
    }
}
