/** Parser throughput on realistic ~200-character reports (and the quiet messages between them), one core. */
import { loadCampaignFile } from "../../src/campaigns/load.ts";
import { parseReport } from "../../src/parsing/index.ts";

const CORPUS = [
  "Huyện Sơn Tịnh báo cáo kết quả ngày 20/6:\n- Thu nhận: 1.020 hồ sơ (mức 1: 300; mức 2: 720)\n- Kích hoạt: 856 TK, lũy kế 30.115\n- Tỷ lệ kích hoạt: 31,5% dân số đủ điều kiện.\nTrân trọng báo cáo!",
  "Kính báo cáo Ban chỉ đạo: huyện Bình Sơn trong ngày thu nhận 412 hồ sơ, kích hoạt được 856 tài khoản định danh điện tử, lũy kế 30.115 tài khoản. Tỷ lệ kích hoạt đạt 31,5%. Trân trọng!",
  "🔹Sơn Tây báo cáo kết quả ngày 20/6/2023\n✅ Thu nhận: 532 HS (MĐ1: 132; MĐ2: 400)\n✅ Kích hoạt: 488 TK\n✅ Lũy kế kích hoạt: 12.760 TK\n✅ Tỷ lệ kích hoạt: 18,2%\nĐơn vị tiếp tục triển khai.",
  "Tu Nghia bao cao ket qua ngay 20/6: thu nhan 1.245 ho so (muc 1: 245, muc 2: 1.000), kich hoat 1.002 TK, lk 25.607 TK, dat 21% dan so du dieu kien. Don vi tiep tuc trien khai.",
  "Tính đến ngày 20/6, toàn huyện Ba Tơ có 30.115 tài khoản được kích hoạt, đạt 31,5%; trong ngày thu nhận 215 hồ sơ mức 2, kích hoạt 187 TK. Các tổ CNSCĐ tiếp tục đến từng nhà hướng dẫn.",
  "Đề nghị các đơn vị báo cáo kết quả thu nhận, kích hoạt tài khoản định danh điện tử ngày 20/6 trước 17h hôm nay. Đơn vị nào chưa gửi số liệu thì khẩn trương gửi về Công an tỉnh nhé.",
  "Sơn Hà hôm nay kích hoạt được bao nhiêu tài khoản rồi? Đến giờ vẫn chưa thấy số liệu, đề nghị đồng chí phụ trách cập nhật gấp vào nhóm để tổng hợp báo cáo lãnh đạo tỉnh.",
  "Chỉ tiêu giai đoạn 1 của huyện Sơn Tịnh là 30.000 tài khoản kích hoạt, đến 15/7/2023 phải hoàn thành 100%. Đề nghị các xã, thị trấn bám sát kế hoạch, phân công cụ thể.",
];

/** Prints `parser: N msg/s (…)`. */
export async function benchParser(): Promise<void> {
  const campaign = loadCampaignFile(new URL("../fixtures/campaigns/vneid-quang-ngai.yaml", import.meta.url).pathname);
  const messageDate = new Date("2023-06-21T03:00:00Z");
  const run = (n: number) => {
    for (let i = 0; i < n; i++) parseReport(CORPUS[i % CORPUS.length]!, { campaign, messageDate, senderUnit: "BSO" });
  };
  run(5_000); // warm up the JIT and the compiled-campaign cache
  const n = 50_000;
  const t0 = performance.now();
  run(n);
  const ms = performance.now() - t0;
  const avgLen = Math.round(CORPUS.reduce((s, t) => s + t.length, 0) / CORPUS.length);
  const rate = Math.round((n / ms) * 1000);
  console.log(`parser: ${rate.toLocaleString("en-US")} msg/s (${n.toLocaleString("en-US")} messages of ~${avgLen} chars in ${ms.toFixed(0)} ms, ${((ms * 1000) / n).toFixed(1)} µs/msg)`);

  // A 100 KB message (target: under 50 ms), median of five runs after a warm-up.
  const line = "- Sơn Tịnh kích hoạt: 856 TK, lũy kế 30.115 (mức 1: 300; mức 2: 720) 1.1.1.1,2,3 ((((( 20/6/2023 0905 \n";
  const big = line.repeat(Math.ceil(100_000 / line.length)).slice(0, 100_000);
  parseReport(big, { campaign, messageDate });
  const times = [0, 1, 2, 3, 4].map(() => {
    const t = performance.now();
    parseReport(big, { campaign, messageDate });
    return performance.now() - t;
  });
  console.log(`parser: 100 KB message in ${times.sort((a, b) => a - b)[2]!.toFixed(1)} ms (median of 5)`);
}
