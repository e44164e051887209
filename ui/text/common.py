"""Strings every page uses: navigation, training controls, Play, errors."""

# Proper names and symbols that read the same in both languages.
SAME_IN_BOTH = {"nav.ohlol"}

STRINGS = {
    "app.name": ("rnnviz", "rnnviz"),
    "nav.home": ("Home", "首页"),
    "lang.label": ("Language / 语言", "Language / 语言"),
    "nav.srn": ("Step an SRN through time", "逐步运行简单循环网络"),
    "nav.activation": ("With and without tanh", "有无 tanh 的对比"),
    "nav.bptt": ("Backpropagation through time", "随时间反向传播（BPTT）"),
    "nav.gated": ("Gated cells: LSTM and GRU", "门控单元：LSTM 与 GRU"),
    "nav.ohlol": ("hello → ohlol", "hello → ohlol"),
    "nav.sine": ("Sine-wave forecast", "正弦波预测"),
    "nav.seq2seq": ("Encoder-decoder", "编码器-解码器"),
    "nav.attention": ("Attention", "注意力机制"),
    "nav.bidirectional": ("Bidirectional RNN", "双向 RNN"),
    "nav.shapes": ("Layer APIs and shapes", "循环层 API 与形状"),
    "nav.language": ("Character language model", "字符级语言模型"),
    "nav.lessons": ("Lessons", "课堂练习"),
    "view.projector": ("Projector view", "投影模式"),
    "view.projector.help": (
        "Larger figure fonts and thicker lines, for a projected screen; kept in the link.",
        "图中字体更大、线条更粗，适合投影；保存在链接中。"),
    "how_to_read": ("How to read this: {text}", "怎么看：{text}"),
    "download_csv": ("Download CSV", "下载 CSV"),
    "uploader.button": ("Upload", "上传"),
    "uploader.limit": ("{size} MB per file · {types}", "每个文件不超过 {size} MB · {types}"),
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
    "status.fix_first": (
        "Fix the settings marked above, then press Train.",
        "请先改正上面标出的设置，再按“训练”。",
    ),
    "status.settings_changed": (
        "The settings have changed since the run shown below: press Train to run them.",
        "设置已与下方所示的训练不同：按“训练”以新设置训练。",
    ),
    "play.play": ("Play", "播放"),
    "play.pause": ("Pause", "暂停"),
    "play.help.forward": ("Walk t forward one step per second until the end of the sequence.",
                          "每秒把 t 前进一步，直到序列结束。"),
    "play.help.backward": ("Walk t backwards from T to 1, one step a second.",
                           "把 t 从 T 倒退到 1，每秒一步。"),
    "play.single": ("The sequence has one step, so t = 1.", "序列只有一步，因此 t = 1。"),
    "link.bad": (
        "The link's value “{value}” for {name} ({label}) cannot be used; "
        "showing {default} instead.",
        "链接中 {name}（{label}）的值“{value}”无法使用，已改用 {default}。",
    ),
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
