using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Uploads;

/// <summary>The embedded gateway with small caps (so tests cross them with small files) and a roomy hourly quota.</summary>
public sealed class UploadGatewayFactory : ChatGatewayFactory
{
    public const long ImageCap = 2 * 1024 * 1024;
    public const long AudioCap = 1024 * 1024;
    public const long VideoCap = 3 * 1024 * 1024;
    public const long FileCap = 1024 * 1024;

    public UploadGatewayFactory()
    {
        With("Uploads:ImageMaxBytes", ImageCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Uploads:AudioMaxBytes", AudioCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Uploads:VideoMaxBytes", VideoCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Uploads:FileMaxBytes", FileCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("Uploads:UploadsPerHour", "100000");
    }
}
