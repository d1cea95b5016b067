namespace CustomerView.Demo.Journeys;

/// <summary>Independent random streams derived from the seed, one per purpose, so changing one journey leaves the others' draws alone.</summary>
internal static class Streams
{
    public const long Household = 1;
    public const long Persona = 2;
    public const long Plan = 3;
    public const long Journey = 4;
    public const long Delivery = 5;
    public const long Poison = 6;
    public const long Format = 7;
}
