namespace MotCua.Web.Calendar;

/// <summary>
/// Astronomical routines for the lunisolar calendar: true new moons (Meeus,
/// "Astronomical Algorithms" 2nd ed., ch. 49), the Sun's apparent longitude
/// (ch. 25 with the truncated VSOP87 series of appendix III, ch. 22 nutation)
/// and ΔT (Espenak &amp; Meeus polynomials). Times are Julian Days.
/// </summary>
internal static class Astronomy
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>Julian Day of 0001-01-01T00:00 UT minus 0.5, so JD(midnight) = DayNumber + this.</summary>
    internal const double DayNumberToJulianDay = 1721425.5;

    /// <summary>Mean synodic month in days.</summary>
    internal const double SynodicMonth = 29.530588861;

    /// <summary>Julian Ephemeris Day (TT) of the true new moon with lunation number k (k = 0: 2000-01-06).</summary>
    internal static double NewMoon(int k)
    {
        double t = k / 1236.85;
        double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        double jde = 2451550.09766 + (SynodicMonth * k) + (0.00015437 * t2) - (0.000000150 * t3) + (0.00000000073 * t4);
        double e = 1 - (0.002516 * t) - (0.0000074 * t2);
        double m = Deg * (2.5534 + (29.10535670 * k) - (0.0000014 * t2) - (0.00000011 * t3));
        double mp = Deg * (201.5643 + (385.81693528 * k) + (0.0107582 * t2) + (0.00001238 * t3) - (0.000000058 * t4));
        double f = Deg * (160.7108 + (390.67050284 * k) - (0.0016118 * t2) - (0.00000227 * t3) + (0.000000011 * t4));
        double om = Deg * (124.7746 - (1.56375588 * k) + (0.0020672 * t2) + (0.00000215 * t3));

        double c = (-0.40720 * Math.Sin(mp))
            + (0.17241 * e * Math.Sin(m))
            + (0.01608 * Math.Sin(2 * mp))
            + (0.01039 * Math.Sin(2 * f))
            + (0.00739 * e * Math.Sin(mp - m))
            - (0.00514 * e * Math.Sin(mp + m))
            + (0.00208 * e * e * Math.Sin(2 * m))
            - (0.00111 * Math.Sin(mp - (2 * f)))
            - (0.00057 * Math.Sin(mp + (2 * f)))
            + (0.00056 * e * Math.Sin((2 * mp) + m))
            - (0.00042 * Math.Sin(3 * mp))
            + (0.00042 * e * Math.Sin(m + (2 * f)))
            + (0.00038 * e * Math.Sin(m - (2 * f)))
            - (0.00024 * e * Math.Sin((2 * mp) - m))
            - (0.00017 * Math.Sin(om))
            - (0.00007 * Math.Sin(mp + (2 * m)))
            + (0.00004 * Math.Sin((2 * mp) - (2 * f)))
            + (0.00004 * Math.Sin(3 * m))
            + (0.00003 * Math.Sin(mp + m - (2 * f)))
            + (0.00003 * Math.Sin((2 * mp) + (2 * f)))
            - (0.00003 * Math.Sin(mp + m + (2 * f)))
            + (0.00003 * Math.Sin(mp - m + (2 * f)))
            - (0.00002 * Math.Sin(mp - m - (2 * f)))
            - (0.00002 * Math.Sin((3 * mp) + m))
            + (0.00002 * Math.Sin(4 * mp));

        // Planetary arguments (Meeus table 49.b).
        double a = (325 * Sin(299.77 + (0.107408 * k) - (0.009173 * t2)))
            + (165 * Sin(251.88 + (0.016321 * k)))
            + (164 * Sin(251.83 + (26.651886 * k)))
            + (126 * Sin(349.42 + (36.412478 * k)))
            + (110 * Sin(84.66 + (18.206239 * k)))
            + (62 * Sin(141.74 + (53.303771 * k)))
            + (60 * Sin(207.14 + (2.453732 * k)))
            + (56 * Sin(154.84 + (7.306860 * k)))
            + (47 * Sin(34.52 + (27.261239 * k)))
            + (42 * Sin(207.19 + (0.121824 * k)))
            + (40 * Sin(291.34 + (1.844379 * k)))
            + (37 * Sin(161.72 + (24.198154 * k)))
            + (35 * Sin(239.56 + (25.513099 * k)))
            + (23 * Sin(331.55 + (3.592518 * k)));

        return jde + c + (a * 0.000001);
    }

    /// <summary>Lunation number of the last mean new moon before the given JD.</summary>
    internal static int LunationBefore(double julianDay) =>
        (int)Math.Floor((julianDay - 2451550.09766) / SynodicMonth);

    /// <summary>The Sun's apparent geocentric longitude in degrees [0, 360) at the given JDE (TT).</summary>
    internal static double SunApparentLongitude(double jde)
    {
        double tau = (jde - 2451545.0) / 365250.0;
        double l = Vsop87Earth.Longitude(tau);
        double t = tau * 10;

        // Geocentric longitude, then conversion to the FK5 frame (Meeus 25.9).
        double theta = (l / Deg) + 180.0;
        theta -= 0.09033 / 3600.0;

        double omega = Deg * (125.04452 - (1934.136261 * t));
        double sunMean = Deg * (280.4665 + (36000.7698 * t));
        double moonMean = Deg * (218.3165 + (481267.8813 * t));
        double nutation = (-17.20 * Math.Sin(omega)) - (1.32 * Math.Sin(2 * sunMean))
            - (0.23 * Math.Sin(2 * moonMean)) + (0.21 * Math.Sin(2 * omega));

        double anomaly = Deg * (357.52911 + (35999.05029 * t));
        double radius = 1.000140 - (0.016708 * Math.Cos(anomaly)) - (0.000139 * Math.Cos(2 * anomaly));
        double aberration = -20.4898 / radius;

        return Normalize(theta + ((nutation + aberration) / 3600.0));
    }

    /// <summary>ΔT = TT − UT in seconds (Espenak &amp; Meeus 2006), valid 1860–2150.</summary>
    internal static double DeltaTSeconds(double year)
    {
        double t;
        switch (year)
        {
            case < 1900:
                t = year - 1860;
                return 7.62 + (0.5737 * t) - (0.251754 * t * t) + (0.01680668 * t * t * t)
                    - (0.0004473624 * Math.Pow(t, 4)) + (Math.Pow(t, 5) / 233174);
            case < 1920:
                t = year - 1900;
                return -2.79 + (1.494119 * t) - (0.0598939 * t * t) + (0.0061966 * t * t * t) - (0.000197 * Math.Pow(t, 4));
            case < 1941:
                t = year - 1920;
                return 21.20 + (0.84493 * t) - (0.076100 * t * t) + (0.0020936 * t * t * t);
            case < 1961:
                t = year - 1950;
                return 29.07 + (0.407 * t) - (t * t / 233) + (t * t * t / 2547);
            case < 1986:
                t = year - 1975;
                return 45.45 + (1.067 * t) - (t * t / 260) - (t * t * t / 718);
            case < 2005:
                t = year - 2000;
                return 63.86 + (0.3345 * t) - (0.060374 * t * t) + (0.0017275 * t * t * t)
                    + (0.000651814 * Math.Pow(t, 4)) + (0.00002373599 * Math.Pow(t, 5));
            case < 2050:
                t = year - 2000;
                return 62.92 + (0.32217 * t) + (0.005589 * t * t);
            default:
                double u = (year - 1820) / 100;
                return -20 + (32 * u * u) - (0.5628 * (2150 - year));
        }
    }

    /// <summary>ΔT in days for a Julian Day.</summary>
    internal static double DeltaTDays(double julianDay) =>
        DeltaTSeconds(2000.0 + ((julianDay - 2451545.0) / 365.25)) / 86400.0;

    private static double Sin(double degrees) => Math.Sin(degrees * Deg);

    private static double Normalize(double degrees)
    {
        double r = degrees % 360.0;
        return r < 0 ? r + 360.0 : r;
    }
}
