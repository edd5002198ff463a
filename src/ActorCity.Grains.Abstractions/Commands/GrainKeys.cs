namespace ActorCity.Grains;

/// <summary>
/// Key conventions. Campaign keys are chosen by headquarters ("gaoan-2022"); grid and department grains are keyed
/// inside their campaign; task keys are chosen by the caller ("T-000123") and are global, so a simulator can
/// create tasks deterministically; an inspection key names one inspection run.
/// </summary>
public static class GrainKeys
{
    public static string Grid(string campaignId, string gridCode) => string.Concat(campaignId, "/grid/", gridCode);

    public static string Department(string campaignId, string departmentCode) => string.Concat(campaignId, "/dept/", departmentCode);

    public static string Inspection(string campaignId, string inspectionName) => string.Concat(campaignId, "/inspection/", inspectionName);
}
