// ns-3 (3.37) counterpart of dockwire's l2 benchmark: two hosts, each on its own CSMA link to a
// learning bridge (BridgeNetDevice over two CsmaNetDevices), host 0 sends 64-byte UDP frames
// (22-byte payload: UdpClient's 12-byte sequence/timestamp header + 10 bytes) to host 1, where a
// UdpServer counts them. Prints frames received, wall-clock seconds of Simulator::Run, frames/s
// and simulated events per frame. One frame every 20 us of simulated time; ns-3 loses about
// 6 ms worth of frames while ARP resolves (~0.3% here), so frames/s counts frames received.
//
//   n0 --csma(10 Gb/s, 0 delay)-- [ sw: BridgeNetDevice ] --csma-- n1 (UdpServer :9)
//
// usage: ns3-bridge [frames]   (default 1000000)
#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace ns3;

int main(int argc, char* argv[])
{
    uint32_t frames = argc > 1 ? std::atoi(argv[1]) : 1000000;
    NodeContainer hosts;
    hosts.Create(2);
    NodeContainer sw;
    sw.Create(1);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("10Gbps")));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(0)));
    NetDeviceContainer hostDevs, swDevs;
    for (uint32_t i = 0; i < 2; i++) {
        NetDeviceContainer link = csma.Install(NodeContainer(hosts.Get(i), sw.Get(0)));
        hostDevs.Add(link.Get(0));
        swDevs.Add(link.Get(1));
    }
    BridgeHelper bridge;
    bridge.Install(sw.Get(0), swDevs);
    InternetStackHelper stack;
    stack.Install(hosts);
    Ipv4AddressHelper addr;
    addr.SetBase("172.17.0.0", "255.255.0.0", "0.0.0.2");
    Ipv4InterfaceContainer ifs = addr.Assign(hostDevs);

    UdpServerHelper server(9);
    ApplicationContainer sa = server.Install(hosts.Get(1));
    sa.Start(Seconds(0));
    UdpClientHelper client(ifs.GetAddress(1), 9);
    client.SetAttribute("MaxPackets", UintegerValue(frames));
    client.SetAttribute("Interval", TimeValue(MicroSeconds(20)));
    client.SetAttribute("PacketSize", UintegerValue(22));
    ApplicationContainer ca = client.Install(hosts.Get(0));
    ca.Start(Seconds(0.001));

    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t1 = std::chrono::steady_clock::now();
    uint64_t got = DynamicCast<UdpServer>(sa.Get(0))->GetReceived();
    uint64_t events = Simulator::GetEventCount();
    Simulator::Destroy();
    double secs = std::chrono::duration<double>(t1 - t0).count();
    std::printf("%lu %.6f %.0f %.2f\n", (unsigned long)got, secs, got / secs, events / (double)got);
    if (got < frames * 0.99) { // about 6 ms worth of frames at the start are lost (ARP); more is wrong
        std::fprintf(stderr, "ns3-bridge: received only %lu of %u frames\n", (unsigned long)got, frames);
        return 1;
    }
    return 0;
}
