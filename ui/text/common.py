"""Strings every page uses: navigation, training controls, errors."""

# Proper names and symbols that read the same in both languages.
SAME_IN_BOTH = {"nav.ohlol"}

STRINGS = {
    "app.name": ("rnnviz", "rnnviz"),
    "nav.home": ("Home", "首页"),
    "nav.header": ("Pages", "页面"),
    "lang.label": ("Language / 语言", "Language / 语言"),
    "nav.srn": ("Step an SRN through time", "逐步运行简单循环网络"),
    "nav.activation": ("With and without tanh", "有无 tanh 的对比"),
    "nav.ohlol": ("hello → ohlol", "hello → ohlol"),
    "nav.sine": ("Sine-wave forecast", "正弦波预测"),
    "nav.seq2seq": ("Encoder-decoder", "编码器-解码器"),
    "nav.bidirectional": ("Bidirectional RNN", "双向 RNN"),
    "nav.shapes": ("Layer APIs and shapes", "循环层 API 与形状"),
    "nav.language": ("Character language model", "字符级语言模型"),
    "how_to_read": ("How to read this: {text}", "怎么看：{text}"),
    "download_csv": ("Download CSV", "下载 CSV"),
    "train": ("Train", "训练"),
    "stop": ("Stop", "停止"),
    "status.queued": (
        "Waiting for a free trainer: place {position} in the queue.",
        "等待空闲的训练线程：排在第 {position} 位。",
    ),
    "status.running": ("Training… {percent}%", "训练中… {percent}%"),
    "status.done": ("Finished in {seconds:.2f} s.", "训练完成，用时 {seconds:.2f} 秒。"),
    "status.stopped": ("Stopped after {seconds:.2f} s.", "已在 {seconds:.2f} 秒后停止。"),
    "status.failed": ("Training failed: {error}", "训练失败：{error}"),
    "status.shared": (
        "{n} sessions asked for exactly this run; it is computed once and shared.",
        "有 {n} 个会话请求了完全相同的训练，只计算一次并共享结果。",
    ),
    "status.idle": ("Press Train to start.", "按“训练”开始。"),
    "error.number": (
        "{field}: “{value}” is not a number.",
        "{field}：“{value}”不是数字。",
    ),
    "error.nan": ("{field}: NaN is not allowed.", "{field}：不允许 NaN。"),
    "error.inf": (
        "{field}: infinity is not allowed.",
        "{field}：不允许无穷大。",
    ),
    "error.empty": ("{field}: this cell is empty.", "{field}：该单元格为空。"),
    "error.range": (
        "{field}: {value} is outside the allowed range {low} to {high}.",
        "{field}：{value} 超出允许范围 {low} 到 {high}。",
    ),
}
